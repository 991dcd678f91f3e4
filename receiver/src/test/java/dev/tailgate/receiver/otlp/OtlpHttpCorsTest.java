package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CORS on the real servlet, served by an embedded Jetty on loopback, as a browser would use it. */
class OtlpHttpCorsTest {
  private final RecordingHost host = new RecordingHost();
  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port = FreePort.find();
  private Receiver receiver;
  private JettyServer jetty;

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.shutdown();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  void preflightFromAnAllowedOriginIsAnsweredWithTheAllowHeaders() throws Exception {
    serve(new CorsConfig(List.of("https://app.example.org"), List.of("X-Tenant"), 7200));

    HttpResponse<String> response = preflight("https://app.example.org", "content-type, x-tenant");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example.org");
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("content-type, x-tenant");
    assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("7200");
    assertThat(response.headers().allValues("Vary"))
        .anySatisfy(v -> assertThat(v).contains("Origin"));
  }

  @Test
  void wildcardOriginMatchesSubdomainsOnly() throws Exception {
    serve(new CorsConfig(List.of("https://*.example.com"), List.of(), null));

    assertThat(
            preflight("https://ui.example.com", "content-type")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://ui.example.com");
    assertThat(
            preflight("https://example.org", "content-type")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
    assertThat(
            preflight("http://ui.example.com", "content-type")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  @Test
  void starAllowsEveryOriginAndEchoesIt() throws Exception {
    serve(new CorsConfig(List.of("*"), List.of(), null));

    HttpResponse<String> response = preflight("http://localhost:3000", "content-type");

    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:3000");
    assertThat(response.headers().firstValue("Access-Control-Max-Age")).isEmpty();
  }

  @Test
  void preflightFromADisallowedOriginGets204WithoutAllowHeaders() throws Exception {
    serve(new CorsConfig(List.of("https://app.example.org"), List.of(), 60));

    HttpResponse<String> response = preflight("https://evil.example.net", "content-type");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase().startsWith("access-control-allow"));
  }

  @Test
  void preflightAskingForAHeaderNotAllowedGetsNoAllowHeaders() throws Exception {
    serve(new CorsConfig(List.of("https://app.example.org"), List.of(), null));

    HttpResponse<String> response = preflight("https://app.example.org", "content-type, x-secret");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void starInAllowedHeadersAllowsAnyRequestedHeader() throws Exception {
    serve(new CorsConfig(List.of("https://app.example.org"), List.of("*"), null));

    HttpResponse<String> response =
        preflight("https://app.example.org", "content-type, authorization, x-anything");

    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("content-type, authorization, x-anything");
  }

  @Test
  void postFromAnAllowedOriginCarriesAllowOriginAndVary() throws Exception {
    serve(new CorsConfig(List.of("https://app.example.org"), List.of(), null));

    HttpResponse<byte[]> allowed = post("https://app.example.org");
    HttpResponse<byte[]> other = post("https://evil.example.net");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example.org");
    assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
    // Not a browser: the export itself goes through; the page simply may not read the answer.
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(traceSink.items()).isEqualTo(2);
  }

  @Test
  void postFromAnAllowedOriginExposesTheExposedHeadersToThePage() throws Exception {
    serve(
        new CorsConfig(
            List.of("https://app.example.org"), List.of(), null, List.of("Retry-After", "X-Id")));

    HttpResponse<byte[]> allowed = post("https://app.example.org");
    HttpResponse<byte[]> other = post("https://evil.example.net");

    assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("Retry-After, X-Id");
    assertThat(other.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
  }

  @Test
  void withoutCorsOptionsGetsACleanAnswerAndNoCorsHeaders() throws Exception {
    serve(null);

    HttpResponse<String> preflight = preflight("https://app.example.org", "content-type");
    HttpResponse<String> plain =
        client.send(
            HttpRequest.newBuilder(uri()).method("OPTIONS", BodyPublishers.noBody()).build(),
            BodyHandlers.ofString());
    HttpResponse<byte[]> post = post("https://app.example.org");

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(plain.statusCode()).isEqualTo(204);
    assertThat(plain.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertThat(plain.body()).isEmpty();
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(post.headers().firstValue("Vary")).isEmpty();
  }

  private HttpResponse<String> preflight(String origin, String headers) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri())
            .method("OPTIONS", BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", headers)
            .build(),
        BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> post(String origin) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri())
            .header("Content-Type", "application/x-protobuf")
            .header("Origin", origin)
            .POST(BodyPublishers.ofByteArray(traces(span("a")).toByteArray()))
            .build(),
        BodyHandlers.ofByteArray());
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/v1/traces");
  }

  private void serve(CorsConfig cors) throws Exception {
    HttpProtocolConfig http =
        new HttpProtocolConfig(
            new Endpoint("127.0.0.1", port), ByteSize.parse("64KiB"), null, cors, null);
    receiver =
        new OtlpReceiverFactory()
            .create(
                new ComponentSettings(
                    ComponentId.parse("otlp"),
                    new SimpleMeterRegistry(),
                    Clock.systemUTC(),
                    host,
                    Duration.ofSeconds(5),
                    new MemoryBudget(64L << 20, new SimpleMeterRegistry())),
                new OtlpReceiverConfig(new ProtocolsConfig(null, http)),
                SignalConsumers.ofTraces(traceSink));
    jetty = new JettyServer(host.served().get(0));
    receiver.start();
  }
}
