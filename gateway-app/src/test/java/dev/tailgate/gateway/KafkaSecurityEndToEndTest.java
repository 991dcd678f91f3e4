package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.KafkaBroker;
import dev.tailgate.gateway.testing.KafkaBroker.Security;
import dev.tailgate.gateway.testing.OtlpBackend;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kafka exporter and receiver against a real Kafka broker (KRaft, in this JVM) whose client
 * listener demands SASL (PLAIN, SCRAM) and/or TLS: the real SDK sends spans to gateway A (otlp ->
 * kafka exporter), gateway B (kafka receiver -> otlp exporter) reads them back into a real OTLP
 * backend. Wrong credentials fail for good on the exporter and keep the receiver from consuming,
 * and neither takes its gateway down.
 */
class KafkaSecurityEndToEndTest {
  /** Gateway A: otlp receiver -> kafka exporter, to the broker's SECURE listener. */
  static final String EXPORTER_CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        batch: { send_batch_size: 1000, timeout: 100ms }
      exporters:
        kafka:
          brokers: [KAFKA_BROKERS]
          traces: { topic: TOPIC }
          timeout: 5s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
          auth: AUTH
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [kafka] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  /** Gateway B: kafka receiver, from the broker's SECURE listener -> otlp exporter. */
  static final String RECEIVER_CONFIG =
      """
      receivers:
        kafka:
          brokers: [KAFKA_BROKERS]
          group_id: GROUP
          initial_offset: earliest
          traces: { topic: TOPIC }
          session_timeout: 6s
          heartbeat_interval: 1s
          auth: AUTH
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          timeout: 1s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
      service:
        pipelines:
          traces: { receivers: [kafka], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  private static final Duration ARRIVAL = Duration.ofSeconds(60);
  private static final HexFormat HEX = HexFormat.of();

  /** One SASL_PLAINTEXT broker for the PLAIN, SCRAM and wrong-password cases. */
  static KafkaBroker sasl;

  static Path certDir;
  static TestCertificates ca;
  static Issued brokerCert;

  @BeforeAll
  static void startBroker() throws IOException {
    sasl = KafkaBroker.start("sasl", Security.saslPlaintext(Map.of("alice", "alice-secret")));
    sasl.addScramUser("SCRAM-SHA-512", "bob", "bob-secret");
    certDir = Files.createTempDirectory("tailgate-kafka-tls");
    ca = TestCertificates.authority(certDir, "kafka-e2e");
    brokerCert = ca.issue("kafka-broker");
  }

  @AfterAll
  static void stopBroker() throws IOException {
    if (sasl != null) {
      sasl.close();
    }
    if (certDir != null) {
      try (Stream<Path> files = Files.walk(certDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void spansCrossABrokerThatDemandsSaslPlain() throws Exception {
    String auth = sasl("alice", "alice-secret", "PLAIN");

    assertSpansCross(sasl, "plain", auth, auth);
  }

  @Test
  void spansCrossABrokerThatDemandsScramSha512() throws Exception {
    String auth = sasl("bob", "bob-secret", "SCRAM-SHA-512");

    assertSpansCross(sasl, "scram", auth, auth);
  }

  @Test
  void anExporterWithAWrongPasswordFailsForGoodAndItsGatewayKeepsTakingSpans() throws Exception {
    String topic = "wrong-password-out";
    sasl.createTopic(topic, 1);
    try (GatewayUnderTest gateway =
        new GatewayUnderTest(
                exporterConfig(sasl, topic, sasl("alice", "not-her-password", "PLAIN")), 0)
            .start()) {
      Set<String> first = sendSpans(gateway, "first", 5);

      // retry_on_failure has no end (max_elapsed_time: 0): only a permanent failure counts these.
      assertThat(
              Await.until(
                  () -> metric(gateway, "tailgate_exporter_send_failed_spans_total") == 5, ARRIVAL))
          .as("the 5 spans counted as failed, not retried forever")
          .isTrue();
      Set<String> second = sendSpans(gateway, "second", 3);
      assertThat(
              Await.until(
                  () -> metric(gateway, "tailgate_exporter_send_failed_spans_total") == 8, ARRIVAL))
          .as("a later batch fails for good as well")
          .isTrue();

      assertThat(first).hasSize(5);
      assertThat(second).hasSize(3);
      assertThat(metric(gateway, "tailgate_exporter_sent_spans_total")).isZero();
      assertThat(gateway.admin("/ping").statusCode()).isEqualTo(200);
      assertThat(sasl.records(topic)).isEmpty();
    }
  }

  @Test
  void anExporterWhoseScramUserIsCreatedLaterSendsOnceTheUserExists() throws Exception {
    String topic = "late-user";
    sasl.createTopic(topic, 1);
    try (GatewayUnderTest gateway =
        new GatewayUnderTest(
                exporterConfig(sasl, topic, sasl("dave", "dave-secret", "SCRAM-SHA-512")), 0)
            .start()) {
      sendSpans(gateway, "before", 2);
      assertThat(
              Await.until(
                  () -> metric(gateway, "tailgate_exporter_send_failed_spans_total") == 2, ARRIVAL))
          .as("no such user yet: failed for good")
          .isTrue();

      sasl.addScramUser("SCRAM-SHA-512", "dave", "dave-secret");
      Set<String> after = sendSpans(gateway, "after", 3);

      assertThat(
              Await.until(
                  () -> metric(gateway, "tailgate_exporter_sent_spans_total") == 3, ARRIVAL))
          .as(
              "sent once the user exists (failed: %s)",
              metric(gateway, "tailgate_exporter_send_failed_spans_total"))
          .isTrue();
      Set<String> inKafka = new HashSet<>();
      sasl.records(topic).forEach(r -> inKafka.addAll(spanIds(r.value())));
      assertThat(inKafka).isEqualTo(after);
    }
  }

  @Test
  void anExporterThatDoesNotTrustTheBrokersCertificateFailsForGood() throws Exception {
    try (KafkaBroker tls =
        KafkaBroker.start("untrusted", Security.ssl(brokerCert.certFile(), brokerCert.keyFile()))) {
      String topic = "untrusted-spans";
      tls.createTopic(topic, 1);
      // tls without ca_file: the system's trust, which does not know the test CA.
      try (GatewayUnderTest gateway =
          new GatewayUnderTest(exporterConfig(tls, topic, "{ tls: {} }"), 0).start()) {
        sendSpans(gateway, "untrusted", 4);

        assertThat(
                Await.until(
                    () -> metric(gateway, "tailgate_exporter_send_failed_spans_total") == 4,
                    ARRIVAL))
            .as("a TLS handshake failure is an authentication failure: permanent")
            .isTrue();
        assertThat(metric(gateway, "tailgate_exporter_sent_spans_total")).isZero();
        assertThat(tls.records(topic)).isEmpty();
      }
    }
  }

  @Test
  void anExporterThatSkipsVerificationSendsOverTlsWithoutTheCa() throws Exception {
    try (KafkaBroker tls =
        KafkaBroker.start(
            "skip-verify", Security.ssl(brokerCert.certFile(), brokerCert.keyFile()))) {
      String topic = "skip-verify-spans";
      tls.createTopic(topic, 1);
      try (GatewayUnderTest gateway =
          new GatewayUnderTest(
                  exporterConfig(tls, topic, "{ tls: { insecure_skip_verify: true } }"), 0)
              .start()) {
        Set<String> sent = sendSpans(gateway, "skip-verify", 4);

        assertThat(
                Await.until(
                    () -> metric(gateway, "tailgate_exporter_sent_spans_total") == 4, ARRIVAL))
            .isTrue();
        Set<String> inKafka = new HashSet<>();
        tls.records(topic).forEach(r -> inKafka.addAll(spanIds(r.value())));
        assertThat(inKafka).isEqualTo(sent);
      }
    }
  }

  @Test
  void aReceiverWithAWrongPasswordConsumesNothingAndItsGatewayKeepsRunning() throws Exception {
    String topic = "wrong-password-in";
    sasl.createTopic(topic, 2);
    try (OtlpBackend wrongBackend = new OtlpBackend(FreePorts.next()).start();
        OtlpBackend rightBackend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest wrong =
            new GatewayUnderTest(
                    receiverConfig(
                        sasl, topic, "wrong", sasl("alice", "not-her-password", "PLAIN")),
                    wrongBackend.port())
                .start();
        GatewayUnderTest exporter =
            new GatewayUnderTest(
                    exporterConfig(sasl, topic, sasl("alice", "alice-secret", "PLAIN")), 0)
                .start()) {
      Set<String> sent = sendSpans(exporter, "for-nobody", 6);
      assertThat(Await.until(() -> sasl.records(topic).size() > 0, ARRIVAL))
          .as("the spans are in Kafka")
          .isTrue();

      // A receiver with the right password, started after the wrong one, reads them all: the wrong
      // one has had at least as long and got none.
      try (GatewayUnderTest right =
          new GatewayUnderTest(
                  receiverConfig(sasl, topic, "right", sasl("alice", "alice-secret", "PLAIN")),
                  rightBackend.port())
              .start()) {
        assertThat(Await.until(() -> spanIds(rightBackend).equals(sent), ARRIVAL))
            .as("the receiver with the right password gets every span")
            .isTrue();
      }

      assertThat(spanIds(wrongBackend)).isEmpty();
      assertThat(metric(wrong, "tailgate_receiver_kafka_records_total")).isZero();
      assertThat(metric(wrong, "tailgate_receiver_accepted_spans_total")).isZero();
      assertThat(wrong.admin("/ping").statusCode()).isEqualTo(200);
      assertThat(wrong.admin("/metrics").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void spansCrossATlsListenerVerifiedAgainstTheCaFile() throws Exception {
    try (KafkaBroker tls =
        KafkaBroker.start("tls", Security.ssl(brokerCert.certFile(), brokerCert.keyFile()))) {
      String auth = "{ tls: { ca_file: " + ca.caFile() + " } }";

      assertSpansCross(tls, "tls", auth, auth);
    }
  }

  @Test
  void spansCrossASaslSslListenerWithScramSha256() throws Exception {
    try (KafkaBroker saslSsl =
        KafkaBroker.start(
            "sasl-ssl", Security.saslSsl(Map.of(), brokerCert.certFile(), brokerCert.keyFile()))) {
      saslSsl.addScramUser("SCRAM-SHA-256", "carol", "carol-secret");
      String auth =
          "{ sasl: { username: carol, password: carol-secret, mechanism: SCRAM-SHA-256 },"
              + " tls: { ca_file: "
              + ca.caFile()
              + " } }";

      assertSpansCross(saslSsl, "sasl-ssl", auth, auth);
    }
  }

  /**
   * Gateway A exports the SDK's spans to {@code broker}'s SECURE listener with {@code exporterAuth}
   * and gateway B reads them from there with {@code receiverAuth}: every span arrives in B's
   * backend.
   */
  private static void assertSpansCross(
      KafkaBroker broker, String name, String exporterAuth, String receiverAuth) throws Exception {
    String topic = name + "-spans";
    broker.createTopic(topic, 2);
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest a =
            new GatewayUnderTest(exporterConfig(broker, topic, exporterAuth), 0).start();
        GatewayUnderTest b =
            new GatewayUnderTest(
                    receiverConfig(broker, topic, name + "-group", receiverAuth), backend.port())
                .start()) {
      Set<String> sent = sendSpans(a, name, 10);

      assertThat(Await.until(() -> spanIds(backend).size() >= sent.size(), ARRIVAL))
          .as("the 10 spans through Kafka")
          .isTrue();
      assertThat(spanIds(backend)).isEqualTo(sent);
      assertThat(metric(a, "tailgate_exporter_sent_spans_total")).isEqualTo(10);
      assertThat(metric(a, "tailgate_exporter_send_failed_spans_total")).isZero();
      assertThat(metric(b, "tailgate_receiver_kafka_records_total")).isPositive();
    }
  }

  private static String sasl(String user, String password, String mechanism) {
    return "{ sasl: { username: "
        + user
        + ", password: "
        + password
        + ", mechanism: "
        + mechanism
        + " } }";
  }

  private static String exporterConfig(KafkaBroker broker, String topic, String auth) {
    return EXPORTER_CONFIG
        .replace("KAFKA_BROKERS", broker.secureBootstrapServers())
        .replace("TOPIC", topic)
        .replace("AUTH", auth);
  }

  private static String receiverConfig(
      KafkaBroker broker, String topic, String group, String auth) {
    return RECEIVER_CONFIG
        .replace("KAFKA_BROKERS", broker.secureBootstrapServers())
        .replace("TOPIC", topic)
        .replace("GROUP", group)
        .replace("AUTH", auth);
  }

  /** Sends {@code count} spans (one trace) through the real SDK; returns their span ids. */
  private static Set<String> sendSpans(GatewayUnderTest gateway, String name, int count) {
    Set<String> ids = new HashSet<>();
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
      Tracer tracer = provider.get("dev.tailgate.e2e.kafka-security");
      for (int i = 0; i < count; i++) {
        Span span = tracer.spanBuilder(name + "-" + i).startSpan();
        ids.add(span.getSpanContext().getSpanId());
        span.end();
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess())
          .as("the gateway took the spans")
          .isTrue();
    }
    return ids;
  }

  private static Set<String> spanIds(OtlpBackend backend) {
    Set<String> ids = new HashSet<>();
    for (ExportTraceServiceRequest request : backend.traces.batches()) {
      request.getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .flatMap(s -> s.getSpansList().stream())
          .forEach(s -> ids.add(HEX.formatHex(s.getSpanId().toByteArray())));
    }
    return ids;
  }

  private static Set<String> spanIds(byte[] record) {
    try {
      Set<String> ids = new HashSet<>();
      ExportTraceServiceRequest.parseFrom(record).getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .flatMap(s -> s.getSpansList().stream())
          .forEach(s -> ids.add(HEX.formatHex(s.getSpanId().toByteArray())));
      return ids;
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** The sum of every series of a Prometheus metric on the gateway's admin port. */
  private static double metric(GatewayUnderTest gateway, String name) {
    String body;
    try {
      body = gateway.admin("/metrics").body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    double sum = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(body);
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }
}
