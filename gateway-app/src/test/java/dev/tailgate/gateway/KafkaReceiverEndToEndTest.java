package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.KafkaBroker;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * OTLP records in a real Kafka broker (KRaft, in this JVM), one trace per record keyed by its trace
 * id, consumed by the real gateway (kafka receiver -> tail_sampling errors-only -> otlp exporter)
 * into a real OTLP/gRPC backend; the group's committed offsets are read from the broker.
 */
class KafkaReceiverEndToEndTest {
  static final String GROUP = "sampling";
  static final String TOPIC = "spans";
  static final String CONFIG =
      """
      receivers:
        kafka:
          brokers: [KAFKA_BROKERS]
          group_id: sampling
          initial_offset: earliest
          traces: { topic: spans }
          session_timeout: 6s
          heartbeat_interval: 1s
          revocation_timeout: 10s
      processors:
        tail_sampling:
          decision_wait: 1s
          max_buffered_spans: MAX_SPANS
          policies: [ { name: errors, type: status_code, status_code: { status_codes: [ERROR] } } ]
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          timeout: 1s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
          sending_queue: { sizer: requests, queue_size: QUEUE_SIZE, num_consumers: 2 }
      service:
        pipelines:
          traces: { receivers: [kafka], processors: [tail_sampling], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;
  private static final Duration ARRIVAL = Duration.ofSeconds(60);
  private static final int SPANS_PER_TRACE = 3;
  private static final HexFormat HEX = HexFormat.of();

  private static String config(KafkaBroker broker, int maxSpans, int queueSize) {
    return CONFIG
        .replace("KAFKA_BROKERS", broker.bootstrapServers())
        .replace("MAX_SPANS", Integer.toString(maxSpans))
        .replace("QUEUE_SIZE", Integer.toString(queueSize));
  }

  @Test
  void exactlyTheErrorTracesArriveCompleteAndTheCommittedOffsetsReachTheEnd() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start("receiver-e2e");
        OtlpBackend backend = new OtlpBackend(FreePorts.next()).start()) {
      broker.createTopic(TOPIC, 4);
      Set<String> errorTraces = produce(broker, 0, 40);
      try (GatewayUnderTest gateway =
          new GatewayUnderTest(config(broker, 100_000, 1000), backend.port()).start()) {
        assertThat(Await.until(() -> receivedTraces(backend).keySet().equals(errorTraces), ARRIVAL))
            .as("the 10 error traces")
            .isTrue();
        assertThat(Await.until(() -> committedReachEnd(broker), ARRIVAL))
            .as("offsets committed to the end")
            .isTrue();

        Map<String, Integer> received = receivedTraces(backend);
        assertThat(received.keySet()).isEqualTo(errorTraces);
        assertThat(received.values()).as("complete, once").allMatch(n -> n == SPANS_PER_TRACE);
        assertThat(metric(gateway, "tailgate_receiver_kafka_records_total", "topic=\"spans\""))
            .isEqualTo(40);
        assertThat(metric(gateway, "tailgate_receiver_kafka_commits_total", "outcome=\"ok\""))
            .isPositive();
      }
    }
  }

  @Test
  void aBackendOutageStopsTheCommitsAndPausesAndEverythingArrivesWhenItReturns() throws Exception {
    int backendPort = FreePorts.next();
    try (KafkaBroker broker = KafkaBroker.start("receiver-outage")) {
      broker.createTopic(TOPIC, 2);
      // Small bounds, so the refused kept spans fill tail_sampling and it refuses the receiver.
      try (GatewayUnderTest gateway =
          new GatewayUnderTest(config(broker, 60, 2), backendPort).start()) {
        Set<String> errorTraces = new HashSet<>(produce(broker, 0, 8));
        OtlpBackend first = new OtlpBackend(backendPort).start();
        assertThat(Await.until(() -> receivedTraces(first).keySet().equals(errorTraces), ARRIVAL))
            .isTrue();
        assertThat(Await.until(() -> committedReachEnd(broker), ARRIVAL)).isTrue();
        first.close();

        Map<TopicPartition, Long> before = committed(broker);
        // Error traces only: a trace dropped by sampling is safe once decided and may be committed.
        errorTraces.addAll(produce(broker, 1000, 200, 1));
        assertThat(
                Await.until(
                    () ->
                        metric(
                                gateway,
                                "tailgate_receiver_kafka_pauses_total",
                                "reason=\"refused\"")
                            > 0,
                    ARRIVAL))
            .as("the pipeline refused: partitions paused")
            .isTrue();
        Thread.sleep(2000); // decision_wait and more: anything that could be committed would be
        assertThat(committed(broker))
            .as("nothing committed while the backend is down")
            .isEqualTo(before);

        try (OtlpBackend second = new OtlpBackend(backendPort).start()) {
          Set<String> later =
              errorTraces.stream()
                  .filter(t -> !receivedTraces(first).containsKey(t))
                  .collect(Collectors.toSet());
          assertThat(Await.until(() -> receivedTraces(second).keySet().containsAll(later), ARRIVAL))
              .as("every error trace produced during the outage")
              .isTrue();
          assertThat(Await.until(() -> committedReachEnd(broker), ARRIVAL))
              .as("offsets committed to the end")
              .isTrue();
          assertThat(receivedTraces(second).values()).allMatch(n -> n == SPANS_PER_TRACE);
          assertThat(metric(gateway, "tailgate_receiver_kafka_paused_partitions", "")).isZero();
        }
      }
    }
  }

  /**
   * Traces {@code from} .. {@code from + count - 1}, one record each keyed by trace id; every 4th
   * has an error span.
   */
  static Set<String> produce(KafkaBroker broker, int from, int count) throws Exception {
    return produce(broker, from, count, 4);
  }

  /** As above, with an error span in every {@code errorEvery}th trace. */
  static Set<String> produce(KafkaBroker broker, int from, int count, int errorEvery)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Set<String> errors = new HashSet<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = from; i < from + count; i++) {
        byte[] traceId = traceId(i);
        boolean error = i % errorEvery == 0;
        if (error) {
          errors.add(HEX.formatHex(traceId));
        }
        producer.send(
            new ProducerRecord<>(
                TOPIC, HEX.formatHex(traceId).getBytes(), trace(traceId, error).toByteArray()));
      }
      producer.flush();
    }
    return errors;
  }

  static byte[] traceId(int n) {
    byte[] id = new byte[16];
    id[0] = 1;
    id[12] = (byte) (n >>> 24);
    id[13] = (byte) (n >>> 16);
    id[14] = (byte) (n >>> 8);
    id[15] = (byte) n;
    return id;
  }

  static ExportTraceServiceRequest trace(byte[] traceId, boolean error) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int s = 0; s < SPANS_PER_TRACE; s++) {
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(new byte[] {1, 0, 0, 0, 0, 0, 0, (byte) (s + 1)}))
              .setName("op-" + s)
              .setStartTimeUnixNano(1_000_000_000L)
              .setEndTimeUnixNano(2_000_000_000L);
      if (error && s == SPANS_PER_TRACE - 1) {
        span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeSpans(scope))
        .build();
  }

  /** Spans received per trace id. */
  static Map<String, Integer> receivedTraces(OtlpBackend backend) {
    Map<String, Integer> spans = new HashMap<>();
    for (ExportTraceServiceRequest request : backend.traces.batches()) {
      request
          .getResourceSpansList()
          .forEach(
              r ->
                  r.getScopeSpansList()
                      .forEach(
                          s ->
                              s.getSpansList()
                                  .forEach(
                                      span ->
                                          spans.merge(
                                              HEX.formatHex(span.getTraceId().toByteArray()),
                                              1,
                                              Integer::sum))));
    }
    return spans;
  }

  static boolean committedReachEnd(KafkaBroker broker) {
    try (Admin admin = admin(broker)) {
      Map<TopicPartition, Long> committed = committed(admin);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < broker.partitions(TOPIC); p++) {
        latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((partition, info) -> end.put(partition, info.offset()));
      return end.entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
    } catch (Exception e) {
      return false;
    }
  }

  static Map<TopicPartition, Long> committed(KafkaBroker broker) throws Exception {
    try (Admin admin = admin(broker)) {
      return committed(admin);
    }
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (offset != null) {
            committed.put(partition, offset.offset());
          }
        });
    return committed;
  }

  private static Admin admin(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return Admin.create(props);
  }

  /**
   * The sum of a Prometheus metric's series on the admin port whose labels contain {@code label}.
   */
  static double metric(GatewayUnderTest gateway, String name, String label) {
    try {
      String body = gateway.admin("/metrics").body();
      double sum = 0;
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(body);
      while (m.find()) {
        if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
          sum += Double.parseDouble(m.group(2));
        }
      }
      return sum;
    } catch (Exception e) {
      return -1;
    }
  }
}
