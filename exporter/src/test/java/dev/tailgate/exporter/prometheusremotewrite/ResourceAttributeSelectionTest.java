package dev.tailgate.exporter.prometheusremotewrite;

import static dev.tailgate.exporter.prometheusremotewrite.Otlp.gauge;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.labels;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.point;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.request;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceAttributeSelectionTest {
  private final YamlConfig yaml = new YamlConfig("exporters.prometheusremotewrite");

  private static ResourceAttributeSelection patterns(List<String> included, List<String> excluded) {
    return new ResourceAttributeSelection(false, false, included, excluded);
  }

  @Test
  void copiesWhatIsIncludedUnlessExcluded() {
    ResourceAttributeSelection selection =
        patterns(List.of("k8s.*", "host.nam?"), List.of("*.uid"));

    assertThat(selection.copies("k8s.namespace.name")).isTrue();
    assertThat(selection.copies("host.name")).isTrue();
    assertThat(selection.copies("k8s.pod.uid")).isFalse();
    assertThat(selection.copies("cloud.region")).isFalse();
  }

  @Test
  void excludingAloneCopiesAllTheRest() {
    ResourceAttributeSelection selection = patterns(List.of(), List.of("service.*"));

    assertThat(selection.copies("host.name")).isTrue();
    assertThat(selection.copies("service.name")).isFalse();
  }

  @Test
  void theOlderFormCopiesAllLessTheServiceAttributesWhenAsked() {
    ResourceAttributeSelection selection =
        new ResourceAttributeSelection(true, true, List.of(), List.of());

    assertThat(selection.copies("host.name")).isTrue();
    assertThat(selection.copies("service.name")).isFalse();
    assertThat(selection.copies("service.instance.id")).isFalse();
    assertThat(ResourceAttributeSelection.ALL.copies("service.name")).isTrue();
    assertThat(ResourceAttributeSelection.NONE.copies("host.name")).isFalse();
  }

  @Test
  void resourceConstantLabelsPutsTheChosenAttributesOnEverySeries() {
    PrometheusRemoteWriteConfig config =
        yaml.bind(
            "{endpoint: 'http://p:9090', target_info: {enabled: false},"
                + " resource_constant_labels: {included: ['k8s.*'], excluded: ['k8s.pod.uid']}}",
            PrometheusRemoteWriteConfig.class);

    Map<String, String> labels =
        labels(
            new OtlpToPrometheus(config.translationSettings())
                .translate(
                    request(
                        resource(
                            "service.name", "checkout",
                            "k8s.namespace.name", "shop",
                            "k8s.pod.uid", "1234",
                            "host.name", "h1"),
                        gauge("queue.depth", "", point(1))))
                .series()
                .get(0));

    assertThat(labels).containsEntry("k8s_namespace_name", "shop").containsKey("job");
    assertThat(labels).doesNotContainKeys("k8s_pod_uid", "host_name", "service_name");
  }

  @Test
  void refusesTheTwoBlocksTogetherAndLegacyKeysUnderTheNewOne() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', resource_to_telemetry_conversion: {enabled: true},"
                    + " resource_constant_labels: {included: ['*']}}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.resource_constant_labels: cannot go with"
                + " resource_to_telemetry_conversion (its older form); keep one");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', resource_constant_labels: {enabled: true}}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.resource_constant_labels: takes included and"
                + " excluded only; enabled and exclude_service_attributes belong to"
                + " resource_to_telemetry_conversion");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', resource_to_telemetry_conversion:"
                    + " {enabled: true, exclude_service_attributes: true}}",
                PrometheusRemoteWriteConfig.class))
        .isEmpty();
  }
}
