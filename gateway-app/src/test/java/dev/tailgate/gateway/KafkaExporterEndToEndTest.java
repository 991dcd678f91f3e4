package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.KafkaBroker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The real SDK sends traces to the real gateway, whose kafka exporter writes them to a real Kafka
 * broker (KRaft, in this JVM); a plain consumer reads the topic back.
 */
class KafkaExporterEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        batch: { send_batch_size: 1000, timeout: 100ms }
      exporters:
        kafka:
          brokers: [127.0.0.1:BACKEND_PORT]
          traces: { topic: spans }
          partition_traces_by_id: true
          producer: { compression: lz4 }
          timeout: 1s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [kafka] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  @Test
  void everySpanArrivesKeyedByItsTraceAndEachRecordHoldsOneTrace() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start("exporter-e2e")) {
      broker.createTopic("spans", 4);
      try (GatewayUnderTest gateway = new GatewayUnderTest(CONFIG, broker.port()).start()) {
        Map<String, Set<String>> sent = sendTraces(gateway, 20, 5);

        assertThat(Await.until(() -> spanCount(broker) == 100, ARRIVAL))
            .as("all 100 spans in Kafka")
            .isTrue();
        List<ConsumerRecord<byte[], byte[]>> records = broker.records("spans");
        Map<String, Set<String>> received = new HashMap<>();
        Map<String, Integer> partitionOfTrace = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          String key = new String(record.key(), StandardCharsets.US_ASCII);
          ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(record.value());
          Set<String> traceIds = new HashSet<>();
          request
              .getResourceSpansList()
              .forEach(
                  r ->
                      r.getScopeSpansList()
                          .forEach(
                              s ->
                                  s.getSpansList()
                                      .forEach(
                                          span -> {
                                            traceIds.add(hex(span.getTraceId().toByteArray()));
                                            received
                                                .computeIfAbsent(key, k -> new HashSet<>())
                                                .add(hex(span.getSpanId().toByteArray()));
                                          })));
          assertThat(traceIds).as("one trace per record, the key's").containsExactly(key);
          assertThat(request.getResourceSpans(0).getResource().getAttributesList())
              .anySatisfy(a -> assertThat(a.getValue().getStringValue()).isEqualTo("checkout"));
          Integer before = partitionOfTrace.putIfAbsent(key, record.partition());
          assertThat(before == null || before == record.partition())
              .as("a trace stays on one partition")
              .isTrue();
        }
        assertThat(received).isEqualTo(sent);
        assertThat(new HashSet<>(partitionOfTrace.values()).size())
            .as("traces spread over partitions")
            .isGreaterThan(1);
        String metrics = gateway.admin("/metrics").body();
        assertThat(metrics)
            .containsPattern(
                "tailgate_exporter_kafka_records_total\\{exporter=\"kafka\",topic=\"spans\"\\}"
                    + " [1-9]");
        assertThat(metrics)
            .containsPattern(
                "tailgate_exporter_kafka_bytes_total\\{exporter=\"kafka\",topic=\"spans\"\\}"
                    + " [1-9]");
      }
    }
  }

  @Test
  void spansWaitForABrokerThatIsDownAndArriveWhenItComesBack() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start("exporter-outage")) {
      broker.createTopic("spans", 2);
      broker.stop();
      try (GatewayUnderTest gateway = new GatewayUnderTest(CONFIG, broker.port()).start()) {
        Map<String, Set<String>> sent = sendTraces(gateway, 10, 3);
        // The gateway took the spans (the SDK's export succeeded); they wait in its queue, retried.
        Thread.sleep(2000);

        broker.start();

        assertThat(Await.until(() -> spanCount(broker) >= 30, ARRIVAL))
            .as("all 30 spans after the outage")
            .isTrue();
        Set<String> spans = new HashSet<>();
        broker.records("spans").forEach(r -> spans.addAll(spanIds(r.value())));
        assertThat(spans).isEqualTo(allSpans(sent));
      }
    }
  }

  /** Sends {@code traces} traces of {@code spansEach} spans; returns the span ids by trace id. */
  private static Map<String, Set<String>> sendTraces(
      GatewayUnderTest gateway, int traces, int spansEach) {
    Map<String, Set<String>> sent = new HashMap<>();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", "checkout").build()))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .build())
            .build()) {
      Tracer tracer = provider.get("dev.tailgate.e2e.kafka");
      for (int t = 0; t < traces; t++) {
        Span root = tracer.spanBuilder("checkout-" + t).startSpan();
        Set<String> ids =
            sent.computeIfAbsent(root.getSpanContext().getTraceId(), k -> new HashSet<>());
        ids.add(root.getSpanContext().getSpanId());
        try (Scope ignored = root.makeCurrent()) {
          for (int c = 1; c < spansEach; c++) {
            Span child = tracer.spanBuilder("step-" + c).startSpan();
            ids.add(child.getSpanContext().getSpanId());
            child.end();
          }
        }
        root.end();
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess())
          .as("the gateway took the spans")
          .isTrue();
    }
    return sent;
  }

  private static int spanCount(KafkaBroker broker) {
    return broker.records("spans").stream().mapToInt(r -> spanIds(r.value()).size()).sum();
  }

  private static List<String> spanIds(byte[] value) {
    try {
      return ExportTraceServiceRequest.parseFrom(value).getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .flatMap(s -> s.getSpansList().stream())
          .map(s -> hex(s.getSpanId().toByteArray()))
          .toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> allSpans(Map<String, Set<String>> byTrace) {
    Set<String> all = new HashSet<>();
    byTrace.values().forEach(all::addAll);
    return all;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
