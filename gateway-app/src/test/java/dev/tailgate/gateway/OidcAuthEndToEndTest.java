package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import dev.tailgate.pipeline.testing.TestIssuer;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry SDK exports through a gateway whose receivers require a JWT from an OpenID
 * Connect issuer (oidcauth), served on loopback: with a token the issuer signed its spans reach the
 * OTLP backend; an expired one and one signed by a key the issuer does not publish are refused,
 * UNAUTHENTICATED over gRPC and 401 with an OTLP Status over HTTP.
 */
class OidcAuthEndToEndTest {
  static final String CONFIG =
      """
      extensions:
        oidcauth:
          issuer_url: ISSUER_URL
          audience: tailgate
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT, auth: { authenticator: oidcauth } }
            http: { endpoint: 127.0.0.1:HTTP_PORT, auth: { authenticator: oidcauth } }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        extensions: [ oidcauth ]
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static final RSAKey ISSUER_KEY = TestIssuer.rsaKey("e2e-1");
  static TestIssuer issuer;
  static OtlpBackend backend;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    issuer = TestIssuer.started().publish(ISSUER_KEY);
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(CONFIG.replace("ISSUER_URL", issuer.url()), backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
    issuer.close();
  }

  @Test
  void theSdkWithASignedTokenGetsItsSpansThroughAndExpiredOrForeignTokensDoNot() throws Exception {
    String valid = token(ISSUER_KEY, "svc-oidc", Instant.now());
    String expired = token(ISSUER_KEY, "svc-oidc", Instant.now().minus(Duration.ofHours(1)));
    String foreign = token(TestIssuer.rsaKey("e2e-1"), "svc-oidc", Instant.now());

    send(grpc(expired), "grpc-expired");
    send(grpc(foreign), "grpc-foreign");
    send(http(expired), "http-expired");
    send(http(foreign), "http-foreign");
    send(grpc(valid), "grpc-token");
    send(http(valid), "http-token");

    assertThat(
            Await.until(
                () -> spansOf("grpc-token") == 1 && spansOf("http-token") == 1,
                Duration.ofSeconds(10)))
        .isTrue();
    // Sent before the accepted ones, on the same connections: had they got through, they would be
    // here.
    assertThat(
            spansOf("grpc-expired")
                + spansOf("grpc-foreign")
                + spansOf("http-expired")
                + spansOf("http-foreign"))
        .isZero();
    // The keys were fetched once, on the first token, and cached for every request after it.
    assertThat(issuer.discoveryRequests()).isEqualTo(1);
    assertThat(issuer.keyRequests()).isEqualTo(1);
  }

  @Test
  void refusedTokensAreUnauthenticatedOverGrpc() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort).usePlaintext().build();
    try {
      for (String token :
          new String[] {
            token(ISSUER_KEY, "svc", Instant.now().minus(Duration.ofHours(1))),
            token(TestIssuer.rsaKey("e2e-1"), "svc", Instant.now())
          }) {
        Metadata headers = new Metadata();
        headers.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        assertThatThrownBy(
                () ->
                    TraceServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .export(BadInputEndToEndTest.request("refused")))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                  assertThat(e.getStatus().getDescription()).isEqualTo("authentication failed");
                });
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusedTokensGet401WithAnOtlpStatusOverHttp() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String token :
        new String[] {
          token(ISSUER_KEY, "svc", Instant.now().minus(Duration.ofHours(1))),
          token(TestIssuer.rsaKey("e2e-1"), "svc", Instant.now())
        }) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces"))
                  .header("Content-Type", "application/x-protobuf")
                  .header("Authorization", "Bearer " + token)
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          BadInputEndToEndTest.request("refused").toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(com.google.rpc.Status.parseFrom(response.body()))
          .isEqualTo(
              com.google.rpc.Status.newBuilder()
                  .setCode(Code.UNAUTHENTICATED_VALUE)
                  .setMessage("authentication failed")
                  .build());
    }
  }

  @Test
  void configCheckNamesTheOffendingKeyAndNeedsNoReachableIssuer(@TempDir Path dir)
      throws Exception {
    String template =
        """
        extensions:
          oidcauth/sso: OIDC
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 127.0.0.1:4317, auth: { authenticator: oidcauth/sso } }
        exporters:
          debug: {}
        service:
          extensions: [ oidcauth/sso ]
          pipelines:
            traces: { receivers: [otlp], exporters: [debug] }
        """;
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // Nothing listens there: check reads the config, it does not fetch keys.
    boolean ok =
        check(
            dir,
            template.replace("OIDC", "{ issuer_url: 'https://127.0.0.1:1/x', audience: tailgate }"),
            err);
    assertThat(ok).as(err.toString(StandardCharsets.UTF_8)).isTrue();

    boolean bad =
        check(
            dir,
            template.replace("OIDC", "{ issuer_url: 'login.example.com', groups_claim: '' }"),
            err);
    assertThat(bad).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "extensions.oidcauth/sso.issuer_url: must be an https:// (or http://) URL, got"
                + " \"login.example.com\"")
        .contains("extensions.oidcauth/sso.audience: is required")
        .contains("extensions.oidcauth/sso.groups_claim: must not be empty");
  }

  private static boolean check(Path dir, String yaml, ByteArrayOutputStream err) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".yml");
    Files.writeString(file, yaml);
    TailgateApplication application = new TailgateApplication();
    Bootstrap<TailgateConfiguration> bootstrap = new Bootstrap<>(application);
    application.addDefaultCommands(bootstrap);
    application.initialize(bootstrap);
    Cli cli =
        new Cli(
            new JarLocation(TailgateApplication.class),
            bootstrap,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run("check", file.toString()).isEmpty();
  }

  /**
   * A token for the gateway from the issuer (or whoever holds {@code key}), valid 5 minutes from
   * {@code issued}.
   */
  private static String token(RSAKey key, String subject, Instant issued) {
    return TestIssuer.sign(
        key,
        issuer
            .claims(subject, issued)
            .expirationTime(Date.from(issued.plus(Duration.ofMinutes(5))))
            .build());
  }

  private static SpanExporter grpc(String token) {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint(gateway.grpcEndpoint())
        .addHeader("Authorization", "Bearer " + token)
        .build();
  }

  private static SpanExporter http(String token) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
        .addHeader("Authorization", "Bearer " + token)
        .build();
  }

  private static void send(SpanExporter exporter, String service) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      provider.get("e2e-oidc").spanBuilder("op").startSpan().end();
      provider.forceFlush().join(10, SECONDS);
    }
  }

  private static long spansOf(String service) {
    return backend.traces.merged().getResourceSpansList().stream()
        .filter(rs -> service.equals(serviceOf(rs)))
        .mapToLong(rs -> rs.getScopeSpansList().stream().mapToLong(s -> s.getSpansCount()).sum())
        .sum();
  }

  private static String serviceOf(ResourceSpans rs) {
    return rs.getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }
}
