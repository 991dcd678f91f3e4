package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge of the HTTP receiver as curl sees it, the way an operator checks a deployment by hand: a
 * bearer token right, wrong and missing, each answered in the request's own encoding; a CORS
 * preflight from an allowed and a foreign origin; and the CORS headers on the POST itself.
 */
class CurlEdgeEndToEndTest {
  static final String CONFIG =
      """
      extensions:
        bearertokenauth/edge: { token: curl-s3cret }
      receivers:
        otlp:
          protocols:
            http:
              endpoint: 127.0.0.1:HTTP_PORT
              auth: { authenticator: bearertokenauth/edge }
              cors:
                allowed_origins: [ "https://*.shop.example" ]
                allowed_headers: [ "Authorization", "X-Custom" ]
                max_age: 600
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        extensions: [ bearertokenauth/edge ]
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static OtlpBackend backend;
  static GatewayUnderTest gateway;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  @Test
  void theRightTokenDeliversAndAWrongOrMissingOneGets401InTheRequestsEncoding() throws Exception {
    Path protobuf = dir.resolve("spans.pb");
    Files.write(protobuf, request("curl-proto").toByteArray());
    Path json = dir.resolve("spans.json");
    Files.writeString(json, jsonRequest("curl-json"));

    Answer protoMissing = curl(post(protobuf, "application/x-protobuf"));
    Answer protoWrong =
        curl(post(protobuf, "application/x-protobuf", "-H", "Authorization: Bearer nope"));
    Answer jsonMissing = curl(post(json, "application/json"));
    Answer jsonWrong = curl(post(json, "application/json", "-H", "Authorization: Bearer nope"));

    for (Answer refused : List.of(protoMissing, protoWrong, jsonMissing, jsonWrong)) {
      assertThat(refused.status()).isEqualTo(401);
    }
    Status protoStatus = Status.parseFrom(protoWrong.body());
    assertThat(protoWrong.header("content-type")).startsWith("application/x-protobuf");
    assertThat(protoStatus.getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
    assertThat(protoStatus.getMessage()).isEqualTo("authentication failed");
    assertThat(Status.parseFrom(protoMissing.body()).getCode())
        .isEqualTo(Code.UNAUTHENTICATED_VALUE);
    String jsonBody = new String(jsonWrong.body(), StandardCharsets.UTF_8);
    assertThat(jsonWrong.header("content-type")).startsWith("application/json");
    assertThat(jsonBody).contains("\"code\":16").contains("authentication failed");
    assertThat(jsonBody).as("nothing that helps an attacker").doesNotContain("nope", "s3cret");

    Answer protoOk =
        curl(post(protobuf, "application/x-protobuf", "-H", "Authorization: Bearer curl-s3cret"));
    Answer jsonOk = curl(post(json, "application/json", "-H", "Authorization: Bearer curl-s3cret"));

    assertThat(protoOk.status()).isEqualTo(200);
    assertThat(protoOk.header("content-type")).startsWith("application/x-protobuf");
    assertThat(jsonOk.status()).isEqualTo(200);
    assertThat(jsonOk.header("content-type")).startsWith("application/json");
    assertThat(
            Await.until(
                () -> spansOf("curl-proto") == 1 && spansOf("curl-json") == 1,
                Duration.ofSeconds(10)))
        .as("each accepted request's span reached the backend once")
        .isTrue();
  }

  @Test
  void aPreflightFromAnAllowedOriginGets204AndTheHeadersABrowserNeeds() throws Exception {
    Answer allowed =
        curl(
            "-X",
            "OPTIONS",
            tracesUrl(),
            "-H",
            "Origin: https://web.shop.example",
            "-H",
            "Access-Control-Request-Method: POST",
            "-H",
            "Access-Control-Request-Headers: content-type, authorization, x-custom");
    Answer foreign =
        curl(
            "-X",
            "OPTIONS",
            tracesUrl(),
            "-H",
            "Origin: https://evil.example",
            "-H",
            "Access-Control-Request-Method: POST");
    Answer unlistedHeader =
        curl(
            "-X",
            "OPTIONS",
            tracesUrl(),
            "-H",
            "Origin: https://web.shop.example",
            "-H",
            "Access-Control-Request-Method: POST",
            "-H",
            "Access-Control-Request-Headers: content-type, x-unlisted");

    assertThat(allowed.status())
        .as("no token needed: browsers send none on a preflight")
        .isEqualTo(204);
    assertThat(allowed.header("access-control-allow-origin")).isEqualTo("https://web.shop.example");
    assertThat(allowed.header("access-control-allow-methods")).contains("POST");
    assertThat(allowed.header("access-control-allow-headers").toLowerCase(Locale.ROOT))
        .contains("content-type")
        .contains("x-custom");
    assertThat(allowed.header("access-control-max-age")).isEqualTo("600");
    assertThat(foreign.header("access-control-allow-origin"))
        .as("a foreign origin is not allowed")
        .isNull();
    assertThat(unlistedHeader.status()).isEqualTo(204);
    assertThat(unlistedHeader.header("access-control-allow-origin"))
        .as("a header not in allowed_headers (nor implicitly allowed) is not allowed")
        .isNull();
  }

  @Test
  void thePostFromAnAllowedOriginCarriesTheCorsHeadersToo() throws Exception {
    Path json = dir.resolve("browser.json");
    Files.writeString(json, jsonRequest("curl-browser"));

    Answer answer =
        curl(
            post(
                json,
                "application/json",
                "-H",
                "Authorization: Bearer curl-s3cret",
                "-H",
                "Origin: https://web.shop.example"));
    Answer refused = curl(post(json, "application/json", "-H", "Origin: https://web.shop.example"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("access-control-allow-origin")).isEqualTo("https://web.shop.example");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("access-control-allow-origin"))
        .as("a browser can read why it was refused")
        .isEqualTo("https://web.shop.example");
  }

  private static String tracesUrl() {
    return gateway.httpEndpoint() + "/v1/traces";
  }

  private static String[] post(Path body, String contentType, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-X",
            "POST",
            tracesUrl(),
            "-H",
            "Content-Type: " + contentType,
            "--data-binary",
            "@" + body));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** One curl call: its status, its response headers (names in lower case) and its body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private static Answer curl(String... args) throws IOException, InterruptedException {
    Path body = Files.createTempFile(dir, "body", ".out");
    Path headers = Files.createTempFile(dir, "headers", ".out");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "-sS",
            "--max-time",
            "10",
            "-o",
            body.toString(),
            "-D",
            headers.toString(),
            "-w",
            "%{http_code}"));
    command.addAll(List.of(args));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(curl.exitValue()).as("curl %s: %s", command, out).isZero();
    Map<String, String> names = new TreeMap<>();
    for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        names.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return new Answer(Integer.parseInt(out), names, Files.readAllBytes(body));
  }

  private static ExportTraceServiceRequest request(String service) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(id(16, 1))
                                .setSpanId(id(8, 2))
                                .setName("GET /cart")
                                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                                .setEndTimeUnixNano(1_700_000_000_100_000_000L))))
        .build();
  }

  private static ByteString id(int length, int last) {
    byte[] bytes = new byte[length];
    bytes[length - 1] = (byte) last;
    return ByteString.copyFrom(bytes);
  }

  private static String jsonRequest(String service) {
    return """
    {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"SERVICE"}}]},
     "scopeSpans":[{"spans":[{"traceId":"000000000000000000000000000000a1","spanId":"00000000000000b2",
     "name":"GET /cart","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}]}]}]}
    """
        .replace("SERVICE", service);
  }

  private static long spansOf(String service) {
    return backend.traces.merged().getResourceSpansList().stream()
        .filter(
            rs ->
                rs.getResource().getAttributesList().stream()
                    .anyMatch(
                        kv ->
                            kv.getKey().equals("service.name")
                                && kv.getValue().getStringValue().equals(service)))
        .mapToLong(rs -> rs.getScopeSpansList().stream().mapToLong(ScopeSpans::getSpansCount).sum())
        .sum();
  }
}
