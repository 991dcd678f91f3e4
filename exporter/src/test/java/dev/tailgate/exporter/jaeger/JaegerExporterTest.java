package dev.tailgate.exporter.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.TestSettings;
import io.grpc.Metadata;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jaeger exporter against a stand-in Jaeger collector: delivery, retries, errors, headers, TLS.
 */
class JaegerExporterTest {
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final YamlConfig yaml = new YamlConfig("exporters.jaeger");
  private final List<Exporter<?>> exporters = new ArrayList<>();
  private JaegerTestCollector collector;

  @AfterEach
  void stop() throws InterruptedException {
    exporters.forEach(Exporter::shutdown);
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void postsOneBatchPerResource() {
    collector = JaegerTestCollector.start();

    exporter(synchronous()).consume(Batches.of(OtlpSamples.traces()));

    assertThat(collector.accepted())
        .extracting(r -> r.getBatch().getProcess().getServiceName())
        .containsExactly("checkout", "payment");
    assertThat(collector.accepted())
        .extracting(r -> r.getBatch().getSpansCount())
        .containsExactly(2, 1);
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void translatesArrivedBytesWithStringsThatAreNotUtf8UsingReplacementCharacters() {
    collector = JaegerTestCollector.start();
    // protobuf-java refuses to parse such strings; the batch's parsed view has them repaired.
    ByteString arrived = InvalidUtf8.replacing(OtlpSamples.traces(), "payment");

    exporter(synchronous()).consume(Batch.ofWire(Signal.TRACES, arrived, 3, Lease.NONE));

    assertThat(collector.accepted())
        .extracting(r -> r.getBatch().getProcess().getServiceName())
        .containsExactly("checkout", "\uFFFD".repeat("payment".length()));
  }

  @Test
  void sendsNothingForABatchWithoutSpans() {
    collector = JaegerTestCollector.start();

    exporter(synchronous()).consume(Batches.of(ExportTraceServiceRequest.getDefaultInstance()));

    assertThat(collector.attempts()).isZero();
  }

  @Test
  void retriesUnavailable() {
    collector = JaegerTestCollector.start();
    collector.failAttempt(
        1, Status.UNAVAILABLE.withDescription("collector restarting").asRuntimeException());

    exporter(synchronous()).consume(Batches.of(OtlpSamples.traces()));

    assertThat(collector.attempts()).as("failed first call, then both resources").isEqualTo(3);
    assertThat(collector.accepted())
        .extracting(r -> r.getBatch().getProcess().getServiceName())
        .containsExactly("checkout", "payment");
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void resendsTheWholeBatchWhenALaterResourceFails() {
    collector = JaegerTestCollector.start();
    collector.failAttempt(2, Status.UNAVAILABLE.asRuntimeException());

    exporter(synchronous()).consume(Batches.of(OtlpSamples.traces()));

    assertThat(collector.accepted())
        .as("at least once: the retry posts the first resource again")
        .extracting(r -> r.getBatch().getProcess().getServiceName())
        .containsExactly("checkout", "checkout", "payment");
  }

  @Test
  void doesNotRetryInvalidArgument() {
    collector = JaegerTestCollector.start();
    collector.failAttempt(
        1, Status.INVALID_ARGUMENT.withDescription("bad trace id").asRuntimeException());
    Exporter<ExportTraceServiceRequest> exporter = exporter(synchronous());

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("INVALID_ARGUMENT: bad trace id");
    assertThat(collector.attempts()).isEqualTo(1);
    assertThat(counter("tailgate.exporter.send_failed.spans")).isEqualTo(3);
  }

  @Test
  void failsRetryablyWhenNoCollectorListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(
            """
            endpoint: 127.0.0.1:%d
            tls: { insecure: true }
            sending_queue: { enabled: false }
            retry_on_failure: { enabled: false }
            """
                .formatted(port));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void sendsConfiguredHeadersWithEveryCall() {
    collector = JaegerTestCollector.start();

    exporter(synchronous() + "headers: { x-tenant: acme }\n")
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(collector.headers())
        .hasSize(2)
        .allSatisfy(h -> assertThat(h.get(TENANT)).isEqualTo("acme"));
  }

  @Test
  void verifiesTheCollectorAgainstTheCaFileOverTls() {
    collector = JaegerTestCollector.start(serverCredentials());

    exporter(
            """
            endpoint: 127.0.0.1:%d
            tls: { ca_file: '%s' }
            sending_queue: { enabled: false }
            retry_on_failure: { enabled: false }
            """
                .formatted(collector.port(), tlsFile("ca.pem")))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(collector.accepted()).extracting(PostSpansRequest::getBatch).hasSize(2);
  }

  private Exporter<ExportTraceServiceRequest> exporter(String config) {
    Exporter<ExportTraceServiceRequest> exporter =
        new JaegerExporterFactory()
            .create(
                TestSettings.of("jaeger", meters, Clock.systemUTC()),
                yaml.bind(config, JaegerExporterConfig.class),
                Signal.TRACES);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }

  /** No queue: consume returns after delivery (with retries) or throws, so tests need not wait. */
  private String synchronous() {
    return """
    endpoint: 127.0.0.1:%d
    tls: { insecure: true }
    sending_queue: { enabled: false }
    retry_on_failure: { initial_interval: 10ms, max_interval: 10ms, randomization_factor: 0 }
    """
        .formatted(collector.port());
  }

  private double counter(String name) {
    return meters.get(name).tag("exporter", "jaeger").counter().count();
  }

  private static ServerCredentials serverCredentials() {
    try {
      return TlsServerCredentials.create(
          new File(tlsFile("server.pem")), new File(tlsFile("server-key.pem")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test certificates of the otlp exporter's TLS tests, shared since the channel is too. */
  private static String tlsFile(String name) {
    try {
      return new File(
              JaegerExporterTest.class
                  .getResource("/dev/tailgate/exporter/otlp/tls/" + name)
                  .toURI())
          .getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
