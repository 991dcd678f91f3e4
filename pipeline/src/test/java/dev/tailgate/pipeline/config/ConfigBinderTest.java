package dev.tailgate.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ConfigBinder binder = new ConfigBinder();
  private final ConfigErrors errors = new ConfigErrors();

  record Tls(
      @JsonProperty("cert_file") String certFile, @JsonProperty("insecure") Boolean insecure) {}

  /** Shaped like a receiver's config: defaults in the constructor, checks in validate. */
  record ServerConfig(
      @JsonProperty("endpoint") Endpoint endpoint,
      @JsonProperty("timeout") Duration timeout,
      @JsonProperty("max_request_size") ByteSize maxRequestSize,
      @JsonProperty("workers") Integer workers,
      @JsonProperty("tls") Tls tls,
      @JsonProperty("paths") List<String> paths)
      implements Validatable {

    ServerConfig {
      endpoint = endpoint == null ? Endpoint.parse("0.0.0.0:4318") : endpoint;
      timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
      maxRequestSize = maxRequestSize == null ? ByteSize.ofMiB(4) : maxRequestSize;
      workers = workers == null ? 2 : workers;
      paths = paths == null ? List.of("/v1/traces") : List.copyOf(paths);
    }

    @Override
    public void validate(ConfigErrors errors) {
      errors.check(workers > 0, "workers", "must be > 0");
      errors.check(!paths.isEmpty(), "paths", "must not be empty");
    }
  }

  /** A config without checks of its own. */
  record Plain(@JsonProperty("level") String level) {}

  private static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  private Optional<ServerConfig> bind(String yaml) throws Exception {
    return binder.bind(yaml(yaml), ServerConfig.class, "receivers.sample", errors);
  }

  @Test
  void aMissingNodeMeansAllDefaults() {
    Optional<ServerConfig> config =
        binder.bind(null, ServerConfig.class, "receivers.sample", errors);

    assertThat(errors.problems()).isEmpty();
    assertThat(config).contains(new ServerConfig(null, null, null, null, null, null));
    assertThat(config.get().endpoint()).isEqualTo(new Endpoint("0.0.0.0", 4318));
    assertThat(config.get().workers()).isEqualTo(2);
  }

  @Test
  void aNullNodeMeansAllDefaults() {
    Optional<ServerConfig> config =
        binder.bind(NullNode.getInstance(), ServerConfig.class, "receivers.sample", errors);

    assertThat(errors.problems()).isEmpty();
    assertThat(config).contains(new ServerConfig(null, null, null, null, null, null));
  }

  @Test
  void anEmptyDocumentMeansAllDefaults() throws Exception {
    Optional<ServerConfig> config =
        binder.bind(yaml(""), ServerConfig.class, "receivers.sample", errors);

    assertThat(errors.problems()).isEmpty();
    assertThat(config).contains(new ServerConfig(null, null, null, null, null, null));
  }

  @Test
  void bindsEveryKindOfValue() throws Exception {
    Optional<ServerConfig> config =
        bind(
            """
            endpoint: 127.0.0.1:4318
            timeout: 1m30s
            max_request_size: 20MiB
            workers: 4
            tls:
              cert_file: /etc/cert.pem
            paths: [/a, /b]
            """);

    assertThat(errors.problems()).isEmpty();
    assertThat(config)
        .contains(
            new ServerConfig(
                new Endpoint("127.0.0.1", 4318),
                Duration.ofSeconds(90),
                new ByteSize(20L << 20),
                4,
                new Tls("/etc/cert.pem", null),
                List.of("/a", "/b")));
  }

  @Test
  void takesAPlainNumberAsBytesAndZeroAsADuration() throws Exception {
    Optional<ServerConfig> config = bind("max_request_size: 1048576\ntimeout: 0\nworkers: 1");

    assertThat(config).map(ServerConfig::maxRequestSize).contains(new ByteSize(1048576));
    assertThat(config).map(ServerConfig::timeout).contains(Duration.ZERO);
  }

  @Test
  void takesASingleValueForAList() throws Exception {
    assertThat(bind("paths: /only")).map(ServerConfig::paths).contains(List.of("/only"));
  }

  @Test
  void unknownKeyNamesItsFullPathAndTheKnownKeys() throws Exception {
    Optional<ServerConfig> config = bind("endpiont: 0.0.0.0:4318");

    assertThat(config).isEmpty();
    assertThat(errors.problems())
        .containsExactly(
            "receivers.sample.endpiont: unknown key \"endpiont\"; "
                + "known keys: endpoint, max_request_size, paths, timeout, tls, workers");
  }

  @Test
  void unknownNestedKeyNamesItsFullPath() throws Exception {
    bind("tls:\n  cert: /etc/cert.pem");

    assertThat(errors.problems())
        .containsExactly(
            "receivers.sample.tls.cert: unknown key \"cert\"; known keys: cert_file, insecure");
  }

  @Test
  void namesEveryUnknownKeyOfTheComponentAtOnce() throws Exception {
    Optional<ServerConfig> config =
        bind("endpiont: 0.0.0.0:4318\ntls:\n  cert: /etc/cert.pem\nmystery:\n  - 1\n  - 2");

    assertThat(config).isEmpty();
    assertThat(errors.problems())
        .extracting(problem -> problem.substring(0, problem.indexOf(':')))
        .containsExactly(
            "receivers.sample.endpiont", "receivers.sample.mystery", "receivers.sample.tls.cert");
  }

  @Test
  void namesAnUnknownKeyInsideAListByItsIndex() throws Exception {
    record Item(@JsonProperty("name") String name) {}
    record Items(@JsonProperty("items") List<Item> items) {}

    binder.bind(
        yaml("items:\n  - name: a\n  - name: b\n    nmae: c"), Items.class, "processors.p", errors);

    assertThat(errors.problems())
        .containsExactly("processors.p.items[1].nmae: unknown key \"nmae\"; known keys: name");
  }

  @Test
  void warningsAreKeptApartFromProblems() {
    ConfigErrors below = errors.at("exporters.otlp");
    below.warn("keepalive", "accepted; gRPC keeps its own");
    below.warn("keepalive", "accepted; gRPC keeps its own");

    assertThat(errors.isEmpty()).isTrue();
    assertThat(errors.warnings())
        .containsExactly("exporters.otlp.keepalive: accepted; gRPC keeps its own");
  }

  @Test
  void wrongTypeNamesThePathWithoutParserNoise() throws Exception {
    bind("workers: many");

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("receivers.sample.workers: ")
        .doesNotContain("[Source")
        .doesNotContain("ServerConfig");
  }

  @Test
  void wrongTypeInsideAListNamesTheIndex() throws Exception {
    bind("paths: [/a, {nested: true}]");

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("receivers.sample.paths[1]: ");
  }

  @Test
  void badValueGivesTheParsersOwnWords() throws Exception {
    bind("endpoint: bad");
    bind("max_request_size: 20XB");
    bind("timeout: 5 seconds");

    assertThat(errors.problems())
        .containsExactly(
            "receivers.sample.endpoint: \"bad\" is not host:port (e.g. 0.0.0.0:4317)",
            "receivers.sample.max_request_size: \"20XB\" is not a size (examples: 20MiB, 512KiB,"
                + " 1048576)",
            "receivers.sample.timeout: \"5 seconds\" is not a duration (examples: 200ms, 5s, 1m30s,"
                + " 1h)");
  }

  @Test
  void aDurationWithoutUnitAsksForOne() throws Exception {
    bind("timeout: 5");

    assertThat(errors.problems())
        .containsExactly(
            "receivers.sample.timeout: \"5\" is not a duration: give a unit (examples: 200ms, 5s,"
                + " 1m30s)");
  }

  @Test
  void validationProblemsArePrefixedByThePath() throws Exception {
    Optional<ServerConfig> config = bind("workers: 0\npaths: []");

    assertThat(config).isEmpty();
    assertThat(errors.problems())
        .containsExactly(
            "receivers.sample.workers: must be > 0", "receivers.sample.paths: must not be empty");
  }

  @Test
  void validationProblemsFollowTheViewTheyAreBoundInto() throws Exception {
    binder.bind(yaml("workers: 0"), ServerConfig.class, "sample", errors.at("receivers"));

    assertThat(errors.problems()).containsExactly("receivers.sample.workers: must be > 0");
  }

  @Test
  void addsToProblemsFoundBefore() throws Exception {
    errors.add("exporters.other", "broken");

    assertThat(bind("workers: 3")).isPresent();
    bind("workers: -1");

    assertThat(errors.problems())
        .containsExactly("exporters.other: broken", "receivers.sample.workers: must be > 0");
  }

  @Test
  void aConfigWithoutChecksIsBoundAsIs() throws Exception {
    Optional<Plain> config =
        binder.bind(yaml("level: detailed"), Plain.class, "exporters.debug", errors);

    assertThat(config).contains(new Plain("detailed"));
    assertThat(errors.isEmpty()).isTrue();
  }
}
