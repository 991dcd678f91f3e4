package dev.tailgate.exporter.kafka;

import static dev.tailgate.exporter.kafka.KafkaTestData.attribute;
import static dev.tailgate.exporter.kafka.KafkaTestData.hex;
import static dev.tailgate.exporter.kafka.KafkaTestData.text;
import static dev.tailgate.exporter.kafka.KafkaTestData.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyingTest {

  @Test
  void keysLogRecordsByTraceIdAndLeavesThoseOutsideATraceUnkeyed() throws Exception {
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                LogRecord.newBuilder().setTraceId(traceId(3)).setSeverityText("a"))
                            .addLogRecords(LogRecord.newBuilder().setSeverityText("b"))
                            .addLogRecords(
                                LogRecord.newBuilder()
                                    .setTraceId(traceId(3))
                                    .setSeverityText("c"))))
            .build();

    List<Keyed<ExportLogsServiceRequest>> parts =
        new LogsByTraceId().apart(Batch.of(Signal.LOGS, request));

    assertThat(parts).extracting(p -> text(p.key())).containsExactly(hex(traceId(3)), null);
    assertThat(parts).extracting(Keyed::items).containsExactly(2, 1);
    assertThat(
            ExportLogsServiceRequest.parseFrom(parts.get(0).encoded())
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecordsList())
        .extracting(LogRecord::getSeverityText)
        .containsExactly("a", "c");
  }

  @Test
  void keysMetricsByResourceAttributesInAnyOrder() {
    ResourceMetrics podA =
        resource(List.of(attribute("k8s.pod", "a"), attribute("service.name", "cart")), "m1");
    ResourceMetrics podAReordered =
        resource(List.of(attribute("service.name", "cart"), attribute("k8s.pod", "a")), "m2");
    ResourceMetrics podB =
        resource(List.of(attribute("k8s.pod", "b"), attribute("service.name", "cart")), "m3");
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(podA)
            .addResourceMetrics(podB)
            .addResourceMetrics(podAReordered)
            .build();

    List<Keyed<ExportMetricsServiceRequest>> parts =
        new MetricsByResource().apart(Batch.of(Signal.METRICS, request));

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).request().getResourceMetricsList())
        .containsExactly(podA, podAReordered);
    assertThat(parts.get(1).request().getResourceMetricsList()).containsExactly(podB);
    assertThat(text(parts.get(0).key())).hasSize(32).isNotEqualTo(text(parts.get(1).key()));
  }

  @Test
  void keepsOneResourcesMetricsWhole() {
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(resource(List.of(attribute("service.name", "cart")), "m"))
            .build();

    assertThat(new MetricsByResource().apart(Batch.of(Signal.METRICS, request)))
        .singleElement()
        .satisfies(p -> assertThat(p.whole()).isTrue());
  }

  private static ResourceMetrics resource(
      List<io.opentelemetry.proto.common.v1.KeyValue> attributes, String metric) {
    return ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAllAttributes(attributes))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName(metric)))
        .build();
  }
}
