package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.asMap;
import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

class RedactionMetricsTest {
  private static final KeyValue CLIENT_IP = str("client.address", "10.1.2.3");
  private static final RedactionConfig MASK_IPS =
      config("{ allow_all_keys: true, value_patterns: [ipv4] }");

  private static ExportMetricsServiceRequest metrics(Metric metric) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
        .build();
  }

  private static Metric onlyMetric(ExportMetricsServiceRequest request) {
    return request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
  }

  private static Exemplar exemplar() {
    return Exemplar.newBuilder().setAsDouble(1.5).addFilteredAttributes(CLIENT_IP).build();
  }

  @Test
  void masksResourceAttributesOfMetrics() {
    var in =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(CLIENT_IP)))
            .build();

    var out = redact(MASK_IPS, Signal.METRICS, in);

    assertThat(asMap(out.getResourceMetrics(0).getResource().getAttributesList()))
        .containsExactly(entry("client.address", "****"));
  }

  @Test
  void masksGaugePointsAndTheirExemplars() {
    var point =
        NumberDataPoint.newBuilder().setAsInt(3).addAttributes(CLIENT_IP).addExemplars(exemplar());
    var out =
        redact(
            MASK_IPS,
            Signal.METRICS,
            metrics(
                Metric.newBuilder()
                    .setName("g")
                    .setGauge(Gauge.newBuilder().addDataPoints(point))
                    .build()));

    NumberDataPoint redacted = onlyMetric(out).getGauge().getDataPoints(0);
    assertThat(asMap(redacted.getAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(asMap(redacted.getExemplars(0).getFilteredAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(redacted.getAsInt()).isEqualTo(3);
    assertThat(onlyMetric(out).getName()).isEqualTo("g");
  }

  @Test
  void masksSumPointsAndTheirExemplars() {
    var point =
        NumberDataPoint.newBuilder()
            .setAsDouble(2)
            .addAttributes(CLIENT_IP)
            .addExemplars(exemplar());
    var sum = Sum.newBuilder().setIsMonotonic(true).addDataPoints(point);

    Metric out =
        onlyMetric(
            redact(MASK_IPS, Signal.METRICS, metrics(Metric.newBuilder().setSum(sum).build())));

    assertThat(out.getSum().getIsMonotonic()).isTrue();
    assertThat(asMap(out.getSum().getDataPoints(0).getAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(asMap(out.getSum().getDataPoints(0).getExemplars(0).getFilteredAttributesList()))
        .containsExactly(entry("client.address", "****"));
  }

  @Test
  void masksHistogramPointsAndTheirExemplars() {
    var point =
        HistogramDataPoint.newBuilder()
            .setCount(4)
            .addAttributes(CLIENT_IP)
            .addExemplars(exemplar());

    Metric out =
        onlyMetric(
            redact(
                MASK_IPS,
                Signal.METRICS,
                metrics(
                    Metric.newBuilder()
                        .setHistogram(Histogram.newBuilder().addDataPoints(point))
                        .build())));

    assertThat(asMap(out.getHistogram().getDataPoints(0).getAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(
            asMap(out.getHistogram().getDataPoints(0).getExemplars(0).getFilteredAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(out.getHistogram().getDataPoints(0).getCount()).isEqualTo(4);
  }

  @Test
  void masksExponentialHistogramPointsAndTheirExemplars() {
    var point =
        ExponentialHistogramDataPoint.newBuilder()
            .setScale(2)
            .addAttributes(CLIENT_IP)
            .addExemplars(exemplar());
    var histogram = ExponentialHistogram.newBuilder().addDataPoints(point);

    Metric out =
        onlyMetric(
            redact(
                MASK_IPS,
                Signal.METRICS,
                metrics(Metric.newBuilder().setExponentialHistogram(histogram).build())));

    ExponentialHistogramDataPoint redacted = out.getExponentialHistogram().getDataPoints(0);
    assertThat(asMap(redacted.getAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(asMap(redacted.getExemplars(0).getFilteredAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(redacted.getScale()).isEqualTo(2);
  }

  @Test
  void masksSummaryPoints() {
    var point = SummaryDataPoint.newBuilder().setSum(9).addAttributes(CLIENT_IP);

    Metric out =
        onlyMetric(
            redact(
                MASK_IPS,
                Signal.METRICS,
                metrics(
                    Metric.newBuilder()
                        .setSummary(Summary.newBuilder().addDataPoints(point))
                        .build())));

    assertThat(asMap(out.getSummary().getDataPoints(0).getAttributesList()))
        .containsExactly(entry("client.address", "****"));
    assertThat(out.getSummary().getDataPoints(0).getSum()).isEqualTo(9);
  }

  @Test
  void masksMetricMetadata() {
    var metric =
        Metric.newBuilder()
            .setName("m")
            .addMetadata(CLIENT_IP)
            .setGauge(Gauge.getDefaultInstance())
            .build();

    Metric out = onlyMetric(redact(MASK_IPS, Signal.METRICS, metrics(metric)));

    assertThat(asMap(out.getMetadataList())).containsExactly(entry("client.address", "****"));
  }

  @Test
  void anUnchangedMetricBatchIsTheSameInstance() {
    var point =
        NumberDataPoint.newBuilder()
            .addAttributes(str("http.route", "/cart"))
            .addExemplars(Exemplar.newBuilder().addFilteredAttributes(str("v", "1.2.3")));
    var in = metrics(Metric.newBuilder().setGauge(Gauge.newBuilder().addDataPoints(point)).build());

    assertThat(redact(MASK_IPS, Signal.METRICS, in)).isSameAs(in);
  }
}
