package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpReceiverConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PATH = "receivers.otlp";

  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void bindsTheCollectorShapeFromTheFixture() throws IOException {
    JsonNode node;
    try (InputStream in = getClass().getResourceAsStream("otlp-receiver.yaml")) {
      node = YAML.readTree(in);
    }

    OtlpReceiverConfig config = bind(node).orElseThrow();

    assertThat(config.protocols().grpc())
        .isEqualTo(new GrpcProtocolConfig(new Endpoint("0.0.0.0", 14317), 16));
    assertThat(config.protocols().http())
        .isEqualTo(new HttpProtocolConfig(new Endpoint("127.0.0.1", 14318), ByteSize.ofMiB(8)));
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void acceptsEveryConfighttpAndConfiggrpcServerKeyAndWarnsAboutThoseWithoutEffect()
      throws IOException {
    JsonNode node =
        YAML.readTree(
            """
            protocols:
              grpc:
                include_metadata: true
                middlewares: [ { id: ratelimiter } ]
              http:
                include_metadata: true
                response_headers: { X-Served-By: tailgate }
                compression_algorithms: ["", gzip, zstd, zlib, snappy, deflate, lz4, x-snappy-framed]
                read_timeout: 10s
                read_header_timeout: 5s
                write_timeout: 30s
                idle_timeout: 1m
                keep_alives_enabled: true
                middlewares: [ { id: ratelimiter } ]
                auth: { authenticator: bearertokenauth, request_params: [token] }
                cors: { allowed_origins: ["*"], exposed_headers: [Retry-After] }
            """);

    Optional<OtlpReceiverConfig> bound = bind(node);

    assertThat(errors.problems()).isEmpty();
    assertThat(bound).isPresent();
    assertThat(errors.warnings())
        .extracting(warning -> warning.substring(0, warning.indexOf(':')))
        .containsExactlyInAnyOrder(
            "receivers.otlp.protocols.grpc.include_metadata",
            "receivers.otlp.protocols.grpc.middlewares",
            "receivers.otlp.protocols.http.include_metadata",
            "receivers.otlp.protocols.http.read_timeout",
            "receivers.otlp.protocols.http.read_header_timeout",
            "receivers.otlp.protocols.http.write_timeout",
            "receivers.otlp.protocols.http.idle_timeout",
            "receivers.otlp.protocols.http.keep_alives_enabled",
            "receivers.otlp.protocols.http.middlewares",
            "receivers.otlp.protocols.http.auth.request_params");
  }

  @Test
  void refusesACompressionAlgorithmTheCollectorDoesNotKnow() throws IOException {
    bind(YAML.readTree("protocols: { http: { compression_algorithms: [gzip, brotli] } }"));

    assertThat(errors.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("receivers.otlp.protocols.http.compression_algorithms[1]: \"brotli\"");
  }

  @Test
  void bindsEveryKeyOfTheCollectorsOwnExample() throws IOException {
    JsonNode example = resource("collector/config.yaml");
    // Its tls blocks name files that do not exist (so the Collector, too, fails to start on it).
    ((ObjectNode) example.path("protocols").path("grpc")).remove("tls");
    ((ObjectNode) example.path("protocols").path("http")).remove("tls");

    Optional<OtlpReceiverConfig> bound = bind(example);

    assertThat(errors.problems()).isEmpty();
    OtlpReceiverConfig config = bound.orElseThrow();

    GrpcProtocolConfig grpc = config.protocols().grpc();
    assertThat(grpc.maxRecvMsgSizeMib()).isEqualTo(32);
    assertThat(grpc.maxConcurrentStreams()).isEqualTo(16);
    assertThat(grpc.readBufferSize()).isEqualTo(ByteSize.ofBytes(1024));
    assertThat(grpc.keepalive().serverParameters())
        .isEqualTo(
            new GrpcKeepaliveConfig.ServerParameters(
                Duration.ofSeconds(11),
                Duration.ofSeconds(12),
                Duration.ofSeconds(13),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
    assertThat(grpc.keepalive().enforcementPolicy())
        .isEqualTo(new GrpcKeepaliveConfig.EnforcementPolicy(Duration.ofSeconds(10), true));
    HttpProtocolConfig http = config.protocols().http();
    assertThat(List.of(http.tracesUrlPath(), http.metricsUrlPath(), http.logsUrlPath()))
        .containsExactly("/traces", "/v2/metrics", "/log/ingest");
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void refusesTheCollectorsExampleOnlyForItsMissingCertificateFiles() throws IOException {
    assertThat(bind(resource("collector/config.yaml"))).isEmpty();

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.grpc.tls.cert_file: file test.crt does not exist",
            "receivers.otlp.protocols.http.tls.cert_file: file test.crt does not exist");
  }

  @Test
  void refusesTheCollectorsInvalidUrlPathNamingTheKey() throws IOException {
    assertThat(bind(resource("collector/invalid_traces_path.yaml"))).isEmpty();

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(
            "receivers.otlp.protocols.http.traces_url_path: \":invalid\" is not a URL path");
  }

  @Test
  void refusesTheCollectorsMisspelledProtocolNamingIt() throws IOException {
    assertThat(bind(resource("collector/typo_default_proto_config.yaml"))).isEmpty();

    assertThat(errors.problems()).singleElement().asString().contains("\"htttp\"");
  }

  @Test
  void refusesUrlPathsThatCollide() throws IOException {
    assertThat(bind(yaml("protocols: { http: { traces_url_path: /x, logs_url_path: x } }")))
        .isEmpty();

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .contains("must be three different paths");
  }

  @Test
  void takesAUnixSocketPathWithTransportUnixAndRefusesTheMismatches() throws IOException {
    OtlpReceiverConfig config =
        bind(yaml(
                "protocols: { grpc: { transport: unix, endpoint: /run/otlp/grpc.sock },"
                    + " http: { transport: unix, endpoint: ./http.sock } }"))
            .orElseThrow();
    assertThat(config.protocols().grpc().endpoint())
        .isEqualTo(Endpoint.unixSocket("/run/otlp/grpc.sock"));
    assertThat(config.protocols().http().endpoint()).isEqualTo(Endpoint.unixSocket("./http.sock"));

    bind(yaml("protocols: { grpc: { transport: unix }, http: { endpoint: /run/http.sock } }"));
    bind(yaml("protocols: { grpc: { transport: quic } }"));

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.grpc.endpoint: \"localhost:4317\" is not a socket path: with"
                + " transport: unix give a path such as /var/run/otlp.sock",
            "receivers.otlp.protocols.http.endpoint: \"/run/http.sock\" is a socket path: set"
                + " transport: unix, or give host:port",
            "receivers.otlp.protocols.grpc.transport: must be tcp or unix, not \"quic\"");
  }

  @Test
  void protocolWrittenWithoutValueIsServedWithDefaults() throws IOException {
    OtlpReceiverConfig config = bind(yaml("protocols:\n  grpc:\n")).orElseThrow();

    assertThat(config.protocols().grpc()).isEqualTo(new GrpcProtocolConfig(null, null));
    assertThat(config.protocols().grpc().endpoint()).isEqualTo(new Endpoint("localhost", 4317));
    assertThat(config.protocols().grpc().maxRecvMsgSizeMib()).isEqualTo(4);
  }

  @Test
  void protocolLeftOutIsNotServed() throws IOException {
    OtlpReceiverConfig config = bind(yaml("protocols:\n  http:\n")).orElseThrow();

    assertThat(config.protocols().grpc()).isNull();
    assertThat(config.protocols().http().endpoint()).isEqualTo(new Endpoint("localhost", 4318));
    assertThat(config.protocols().http().maxRequestBodySize()).isEqualTo(ByteSize.ofMiB(20));
  }

  @Test
  void emptyMappingAlsoEnablesAProtocolWithDefaults() throws IOException {
    OtlpReceiverConfig config = bind(yaml("protocols: { grpc: {}, http: {} }")).orElseThrow();

    assertThat(config.protocols().grpc().maxRecvMsgSizeBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(config.protocols().http()).isNotNull();
  }

  @Test
  void requiresAtLeastOneProtocol() throws IOException {
    assertThat(bind(yaml("protocols: {}"))).isEmpty();
    assertThat(bind(null)).isEmpty();

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols: enable grpc, http or both",
            "receivers.otlp.protocols: enable grpc, http or both");
  }

  @Test
  void refusesSizesThatAreNotPositive() throws IOException {
    String text =
        """
        protocols:
          grpc: { max_recv_msg_size_mib: 0 }
          http: { max_request_body_size: 0 }
        """;

    assertThat(bind(yaml(text))).isEmpty();

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.grpc.max_recv_msg_size_mib: must be > 0",
            "receivers.otlp.protocols.http.max_request_body_size: must be > 0");
  }

  @Test
  void namesTheKeyOfAnUnknownOrMalformedValue() throws IOException {
    assertThat(bind(yaml("protocols: { grpc: { endpoint: nowhere } }"))).isEmpty();
    assertThat(bind(yaml("protocols: { http: { max_body: 1 } }"))).isEmpty();

    assertThat(errors.problems()).hasSize(2);
    assertThat(errors.problems().get(0))
        .startsWith("receivers.otlp.protocols.grpc.endpoint: ")
        .contains("not host:port");
    assertThat(errors.problems().get(1))
        .startsWith("receivers.otlp.protocols.http.max_body: unknown key \"max_body\"");
  }

  private Optional<OtlpReceiverConfig> bind(JsonNode node) {
    return new ConfigBinder().bind(node, OtlpReceiverConfig.class, PATH, errors);
  }

  private JsonNode resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return YAML.readTree(in);
    }
  }

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }
}
