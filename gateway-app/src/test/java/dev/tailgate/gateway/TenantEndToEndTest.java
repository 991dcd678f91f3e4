package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two teams' SDKs authenticate as different users (basicauth) through a batch processor that would
 * gladly join their spans: the backend receives each team's spans under its own {@code
 * X-Scope-OrgID} (headers_setter from the authenticated identity), never mixed, and the receiver's
 * self-metrics count each team's spans under its {@code tenant} tag.
 */
class TenantEndToEndTest {
  static final String CONFIG =
      """
      extensions:
        basicauth/teams:
          htpasswd:
            inline: |
              alice:ALICE_HASH
              bob:BOB_HASH
        headers_setter/tenant:
          headers:
            - { key: X-Scope-OrgID, from_context: tenant }
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT, auth: { authenticator: basicauth/teams } }
            http: { endpoint: 127.0.0.1:HTTP_PORT, auth: { authenticator: basicauth/teams } }
      processors:
        batch: { timeout: 1s, send_batch_size: 1000 }
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          auth: { authenticator: headers_setter/tenant }
      service:
        extensions: [ basicauth/teams, headers_setter/tenant ]
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static OtlpBackend backend;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    String config =
        CONFIG.replace("ALICE_HASH", sha("alice-pw")).replace("BOB_HASH", sha("bob-pw"));
    gateway = new GatewayUnderTest(config, backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  @Test
  void eachTeamsSpansReachTheBackendUnderItsOwnOrgIdAndTenantTag() throws Exception {
    // Sent within one batch timeout, so the batch processor holds both teams' spans at once.
    send(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(gateway.grpcEndpoint())
            .addHeader("Authorization", basic("alice", "alice-pw"))
            .build(),
        "checkout",
        3);
    send(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
            .addHeader("Authorization", basic("bob", "bob-pw"))
            .build(),
        "search",
        2);

    assertThat(backend.traces.awaitItems(5, 15, SECONDS)).isTrue();
    List<ExportTraceServiceRequest> batches = backend.traces.batches();
    List<String> tenants = backend.traces.tenants();
    Set<String> servicesOfAlice = new HashSet<>();
    Set<String> servicesOfBob = new HashSet<>();
    for (int i = 0; i < batches.size(); i++) {
      Set<String> target =
          tenants.get(i).equals("alice")
              ? servicesOfAlice
              : tenants.get(i).equals("bob") ? servicesOfBob : null;
      assertThat(target).as("org id of batch %d: %s", i, tenants.get(i)).isNotNull();
      batches.get(i).getResourceSpansList().forEach(rs -> target.add(serviceOf(rs)));
    }
    assertThat(servicesOfAlice).containsExactly("checkout");
    assertThat(servicesOfBob).containsExactly("search");

    assertThat(
            Await.until(
                () -> {
                  String metrics = metrics();
                  return acceptedSpans(metrics, "grpc", "alice") == 3
                      && acceptedSpans(metrics, "http", "bob") == 2;
                },
                Duration.ofSeconds(10)))
        .isTrue();
  }

  private static String metrics() {
    try {
      return gateway.admin("/metrics").body();
    } catch (Exception e) {
      return "";
    }
  }

  private static double acceptedSpans(String metrics, String transport, String tenant) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith("tailgate_receiver_accepted_spans_total{")
          && line.contains("tenant=\"" + tenant + "\"")
          && line.contains("transport=\"" + transport + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  private static void send(SpanExporter exporter, String service, int spans) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      for (int i = 0; i < spans; i++) {
        provider.get("e2e-tenant").spanBuilder("op-" + i).startSpan().end();
      }
      provider.forceFlush().join(10, SECONDS);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An htpasswd {SHA} entry, as {@code htpasswd -s} writes it. */
  private static String sha(String password) throws Exception {
    return "{SHA}"
        + Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-1")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
  }

  private static String serviceOf(ResourceSpans rs) {
    return rs.getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }
}
