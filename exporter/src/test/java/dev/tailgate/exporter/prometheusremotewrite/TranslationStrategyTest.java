package dev.tailgate.exporter.prometheusremotewrite;

import static dev.tailgate.exporter.prometheusremotewrite.Otlp.attr;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.counter;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.gauge;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.names;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.point;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.request;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationStrategyTest {
  private final YamlConfig yaml = new YamlConfig("exporters.prometheusremotewrite");

  /** The names of a counter in seconds, a gauge of unit 1 and their resource's target_info. */
  private List<String> namesUnder(String configYaml) {
    PrometheusRemoteWriteConfig config = yaml.bind(configYaml, PrometheusRemoteWriteConfig.class);
    return names(
        new OtlpToPrometheus(config.translationSettings())
            .translate(
                request(
                    resource("service.name", "checkout", "host.name", "h1"),
                    counter("process.cpu.time", "s", point(1.5)),
                    gauge("cache.hit.rate", "1", point(0.5))))
            .series());
  }

  @Test
  void underscoreEscapingWithSuffixesIsTheDefault() {
    assertThat(namesUnder("endpoint: http://p:9090"))
        .containsExactlyInAnyOrder(
            "process_cpu_time_seconds_total", "cache_hit_rate_ratio", "target_info");
    assertThat(
            namesUnder(
                "{endpoint: 'http://p:9090', translation_strategy:"
                    + " UnderscoreEscapingWithSuffixes}"))
        .containsExactlyInAnyOrder(
            "process_cpu_time_seconds_total", "cache_hit_rate_ratio", "target_info");
  }

  @Test
  void underscoreEscapingWithoutSuffixesEscapesButAppendsNothing() {
    assertThat(
            namesUnder(
                "{endpoint: 'http://p:9090', translation_strategy:"
                    + " UnderscoreEscapingWithoutSuffixes}"))
        .containsExactlyInAnyOrder("process_cpu_time", "cache_hit_rate", "target_info");
  }

  @Test
  void aDashedNamespaceIsEscapedInFrontOfEveryName() {
    assertThat(namesUnder("{endpoint: 'http://p:9090', namespace: test-space}"))
        .containsExactlyInAnyOrder(
            "test_space_process_cpu_time_seconds_total",
            "test_space_cache_hit_rate_ratio",
            "test_space_target_info");
  }

  private List<List<String>> labelNamesUnderRemoteWrite2(String strategy) {
    PrometheusRemoteWriteConfig config =
        yaml.bind(
            "{endpoint: 'http://p:9090', protobuf_message: io.prometheus.write.v2.Request,"
                + " translation_strategy: "
                + strategy
                + "}",
            PrometheusRemoteWriteConfig.class);
    return new OtlpToPrometheus(config.translationSettings())
            .translate(
                request(
                    resource("service.name", "checkout"),
                    counter(
                        "process.cpu.time", "s", point(1.5, attr("http.request.method", "GET")))))
            .series()
            .stream()
            .map(
                ts ->
                    ts.getLabelsList().stream().map(l -> l.getName() + "=" + l.getValue()).toList())
            .toList();
  }

  @Test
  void noUtf8EscapingWithSuffixesKeepsNamesAndAddsSuffixes() {
    assertThat(labelNamesUnderRemoteWrite2("NoUTF8EscapingWithSuffixes"))
        .singleElement()
        .satisfies(
            labels ->
                assertThat(labels)
                    .contains(
                        "__name__=process.cpu.time_seconds_total", "http.request.method=GET"));
  }

  @Test
  void noTranslationPassesNamesThroughUnaltered() {
    assertThat(labelNamesUnderRemoteWrite2("NoTranslation"))
        .singleElement()
        .satisfies(
            labels ->
                assertThat(labels)
                    .contains("__name__=process.cpu.time", "http.request.method=GET"));
  }
}
