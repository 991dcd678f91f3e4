package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import dev.tailgate.exporter.testing.OtlpHttpStub;
import dev.tailgate.exporter.testing.OtlpHttpStub.Reply;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK sends spans over OTLP/HTTP to the real gateway, whose otlphttp
 * exporter forwards them to an OTLP/HTTP backend on loopback (a stand-in that decodes what it
 * gets): gzip by default, retried after a 503 with Retry-After, not retried after a 400.
 */
class OtlpHttpExporterEndToEndTest {
  private static final String CONFIG =
      """
      receivers:
        otlp: { protocols: { http: { endpoint: 127.0.0.1:HTTP_PORT } } }
      processors:
        batch: { send_batch_size: 100, timeout: 50ms }
      exporters:
        TYPE:
          endpoint: http://127.0.0.1:BACKEND_PORT/
          sending_queue: { num_consumers: 1 }
          retry_on_failure: { initial_interval: 20ms, max_interval: 20ms, randomization_factor: 0 }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [TYPE] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final OtlpHttpStub backend = new OtlpHttpStub();
  private GatewayUnderTest gateway;
  private SdkTracerProvider sdk;

  @AfterEach
  void stop() {
    if (sdk != null) {
      sdk.shutdown().join(10, SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    backend.close();
  }

  @Test
  void spansFromTheSdkArriveGzippedAtTheBackendsTracesPath() throws Exception {
    start("otlphttp");

    sendSpans("GET /cart", "SELECT cart");

    OtlpHttpStub.Request request = backend.next(WAIT);
    assertThat(request).as("the backend gets a request").isNotNull();
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(spanNames(request)).containsExactlyInAnyOrder("GET /cart", "SELECT cart");
  }

  @Test
  void retriesA503AfterTheDelayItsRetryAfterAsksFor() throws Exception {
    backend.answer(Reply.of(503).withHeader("Retry-After", "1"));
    start("otlphttp");

    sendSpans("checkout");

    OtlpHttpStub.Request refused = backend.next(WAIT);
    OtlpHttpStub.Request retried = backend.next(WAIT);
    assertThat(retried).as("the batch is sent again").isNotNull();
    assertThat(retried.body()).isEqualTo(refused.body());
    assertThat(spanNames(retried)).containsExactly("checkout");
    assertThat(Await.until(() -> metric("tailgate_exporter_sent_spans_total") == 1, WAIT))
        .as("counted as sent once taken")
        .isTrue();
  }

  @Test
  void dropsABatchTheBackendRefusesWith400WithoutRetryingUnderTheCollectorsAlias()
      throws Exception {
    backend.answer(
        Reply.of(
            400,
            "application/x-protobuf",
            Status.newBuilder().setCode(3).setMessage("no").build().toByteArray()));
    start("otlp_http");

    sendSpans("refused");

    assertThat(backend.next(WAIT)).as("the backend gets the batch").isNotNull();
    assertThat(Await.until(() -> metric("tailgate_exporter_send_failed_spans_total") == 1, WAIT))
        .as("counted as failed")
        .isTrue();
    sendSpans("after");
    OtlpHttpStub.Request next = backend.next(WAIT);
    assertThat(spanNames(next))
        .as("the next request carries new data, not the refused batch again")
        .containsExactly("after");
    assertThat(backend.requests()).hasSize(2);
  }

  private void start(String type) throws Exception {
    gateway =
        new GatewayUnderTest(CONFIG.replace("TYPE", type), Integer.parseInt(port(backend.url())))
            .start();
    sdk =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder()
                        .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
                        .build()))
            .build();
  }

  private void sendSpans(String... names) {
    var tracer = sdk.get("dev.tailgate.e2e");
    for (String name : names) {
      tracer.spanBuilder(name).startSpan().end();
    }
    assertThat(sdk.forceFlush().join(10, SECONDS).isSuccess()).as("the gateway accepts").isTrue();
  }

  private static List<String> spanNames(OtlpHttpStub.Request request) throws Exception {
    return ExportTraceServiceRequest.parseFrom(request.body()).getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }

  private double metric(String name) {
    try {
      Matcher m =
          Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$")
              .matcher(gateway.admin("/metrics").body());
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return sum;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String port(String url) {
    return url.substring(url.lastIndexOf(':') + 1);
  }
}
