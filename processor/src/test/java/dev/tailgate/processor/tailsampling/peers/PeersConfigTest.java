package dev.tailgate.processor.tailsampling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.processor.tailsampling.TailSamplingConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeersConfigTest {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ConfigErrors errors = new ConfigErrors();

  private TailSamplingConfig bind(String peers) throws Exception {
    String block = peers.contains("\n") ? "\n" + peers.indent(2) : peers;
    String text = "policies: [ { name: all, type: always_sample } ]\npeers: " + block;
    return new ConfigBinder()
        .bind(yaml.readTree(text), TailSamplingConfig.class, "processors.tail_sampling", errors)
        .orElse(null);
  }

  @Test
  void bindsAStaticListWithTheDefaults() throws Exception {
    PeersConfig peers =
        bind("{ self: 10.0.0.1:4317, static: [ 10.0.0.1:4317, 10.0.0.2:4317 ] }").peers();

    assertThat(errors.problems()).isEmpty();
    assertThat(peers.self()).isEqualTo(new Endpoint("10.0.0.1", 4317));
    assertThat(peers.staticPeers())
        .containsExactly(new Endpoint("10.0.0.1", 4317), new Endpoint("10.0.0.2", 4317));
    assertThat(peers.dns()).isNull();
    assertThat(peers.unhealthyAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(peers.probeInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(peers.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(peers.sendingQueue().enabled()).isTrue();
    assertThat(peers.retryOnFailure().initialInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void bindsADnsNameWithTheDefaults() throws Exception {
    PeersConfig peers =
        bind("{ self: 10.1.2.3:4317, dns: { hostname:"
                + " tailgate-peers.observability.svc.cluster.local } }")
            .peers();

    assertThat(errors.problems()).isEmpty();
    assertThat(peers.dns())
        .isEqualTo(
            new DnsPeersConfig(
                "tailgate-peers.observability.svc.cluster.local", 4317, Duration.ofSeconds(5)));
  }

  @Test
  void bindsEveryKey() throws Exception {
    PeersConfig peers =
        bind("""
        self: 10.1.2.3:4317
        dns: { hostname: peers.local, port: 14317, interval: 2s }
        unhealthy_after: 3s
        probe_interval: 500ms
        timeout: 1s
        sending_queue: { num_consumers: 2, queue_size: 50 }
        retry_on_failure: { initial_interval: 100ms, max_interval: 1s, max_elapsed_time: 10s }
        """)
            .peers();

    assertThat(errors.problems()).isEmpty();
    assertThat(peers.dns())
        .isEqualTo(new DnsPeersConfig("peers.local", 14317, Duration.ofSeconds(2)));
    assertThat(peers.exporterSettings().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(peers.exporterSettings().queue().queueSize()).isEqualTo(50);
    assertThat(peers.exporterSettings().retry().maxElapsedTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(peers.unhealthyAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(peers.probeInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void leavesPeersOffWhenNotGiven() throws Exception {
    TailSamplingConfig config =
        new ConfigBinder()
            .bind(
                yaml.readTree("policies: [ { name: all, type: always_sample } ]"),
                TailSamplingConfig.class,
                "p",
                errors)
            .orElseThrow();

    assertThat(config.peers()).isNull();
  }

  @Test
  void requiresSelf() throws Exception {
    bind("{ static: [ 10.0.0.1:4317 ] }");

    assertThat(errors.problems())
        .containsExactly("processors.tail_sampling.peers.self: required when peers are configured");
  }

  @Test
  void requiresExactlyOneOfStaticAndDns() throws Exception {
    bind("{ self: 10.0.0.1:4317 }");
    bind("{ self: 10.0.0.1:4317, static: [ 10.0.0.1:4317 ], dns: { hostname: peers.local } }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.peers: give exactly one of static and dns",
            "processors.tail_sampling.peers: give exactly one of static and dns");
  }

  @Test
  void wantsSelfInTheStaticListAndNoPeerTwice() throws Exception {
    bind("{ self: 10.0.0.9:4317, static: [ 10.0.0.1:4317, 10.0.0.2:4317, 10.0.0.1:4317 ] }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.peers.static[2]: 10.0.0.1:4317 is listed twice",
            "processors.tail_sampling.peers.static: must include peers.self (10.0.0.9:4317):"
                + " every replica needs the same list to agree on owners");
  }

  @Test
  void refusesAnEmptyStaticList() throws Exception {
    bind("{ self: 10.0.0.1:4317, static: [] }");

    assertThat(errors.problems())
        .containsExactly("processors.tail_sampling.peers.static: must name at least one peer");
  }

  @Test
  void refusesAWildcardOrUnsubstitutedSelf() throws Exception {
    bind("{ self: 0.0.0.0:4317, dns: { hostname: peers.local } }");
    bind("{ self: '${POD_IP}:4317', dns: { hostname: peers.local } }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.peers.self: must be the address the other peers reach this"
                + " replica at, not a wildcard",
            "processors.tail_sampling.peers.self: \"${POD_IP}:4317\" still holds a ${...}"
                + " reference: set that environment variable (e.g. POD_IP)");
  }

  @Test
  void namesTheBadKeys() throws Exception {
    bind(
        """
        self: 10.0.0.1:4317
        dns: { hostname: " ", port: 0, interval: 0s }
        unhealthy_after: 0s
        probe_interval: 0s
        timeout: 0s
        sending_queue: { queue_size: 0, storage: { directory: /tmp/q } }
        retry_on_failure: { multiplier: 0.5 }
        """);

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.peers.dns.hostname: required",
            "processors.tail_sampling.peers.dns.port: must be in 1-65535",
            "processors.tail_sampling.peers.dns.interval: must be > 0",
            "processors.tail_sampling.peers.unhealthy_after: must be > 0",
            "processors.tail_sampling.peers.probe_interval: must be > 0",
            "processors.tail_sampling.peers.timeout: must be > 0",
            "processors.tail_sampling.peers.sending_queue.queue_size: must be > 0",
            "processors.tail_sampling.peers.retry_on_failure.multiplier: must be >= 1",
            "processors.tail_sampling.peers.sending_queue.storage: not supported for peers:"
                + " forwards are re-decided by their owner, not replayed after a restart");
  }

  @Test
  void reportsAPeerThatIsNotHostPort() throws Exception {
    bind("{ self: 10.0.0.1:4317, static: [ 10.0.0.1:4317, nonsense ] }");

    assertThat(errors.problems()).hasSize(1);
    assertThat(errors.problems().get(0))
        .startsWith("processors.tail_sampling.peers.static[1]")
        .contains("is not host:port");
  }

  @Test
  void checkingADnsConfigResolvesNothing() throws Exception {
    // A name that cannot resolve anywhere: validation must not try.
    bind("{ self: 10.0.0.1:4317, dns: { hostname: no-such-peers.invalid } }");

    assertThat(errors.problems()).isEmpty();
    assertThat(
            new PeersConfig(
                    new Endpoint("10.0.0.1", 4317),
                    List.of(new Endpoint("10.0.0.1", 4317)),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)
                .exporterSettings()
                .retry())
        .isEqualTo(PeersConfig.DEFAULT_RETRY);
  }
}
