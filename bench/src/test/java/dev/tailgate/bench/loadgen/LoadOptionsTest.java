package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.config.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void readsEveryFlag() {
    LoadOptions options =
        LoadOptions.fromArgs(
            new String[] {
              "--protocol", "http", "--endpoint", "127.0.0.1:14318", "--concurrency", "2",
              "--duration", "10s", "--warmup", "2s", "--spans-per-request", "50",
              "--attributes-per-span", "5", "--pool-size", "4", "--seed", "9"
            });

    assertThat(options)
        .isEqualTo(
            new LoadOptions(
                Protocol.HTTP,
                new Endpoint("127.0.0.1", 14318),
                2,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                50,
                5,
                4,
                9,
                false,
                Duration.ofMillis(100)));
  }

  @Test
  void defaultEndpointFollowsProtocol() {
    assertThat(LoadOptions.fromArgs(new String[] {"--protocol", "grpc"}).endpoint().port())
        .isEqualTo(4317);
    assertThat(LoadOptions.fromArgs(new String[] {"--protocol", "http"}).endpoint().port())
        .isEqualTo(4318);
  }

  @Test
  void refusesUnknownProtocol() {
    assertThatThrownBy(() -> LoadOptions.fromArgs(new String[] {"--protocol", "udp"}))
        .hasMessageContaining("--protocol");
  }

  @Test
  void refusesZeroConcurrency() {
    assertThatThrownBy(() -> LoadOptions.fromArgs(new String[] {"--concurrency", "0"}))
        .hasMessageContaining("--concurrency");
  }
}
