package dev.tailgate.gateway.admin.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CounterSamplerTest {
  @Test
  void keepsSamplingAfterAMeterThrowsAnError() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger reads = new AtomicInteger();
    FunctionCounter.builder(
            "tailgate.flaky",
            reads,
            r -> {
              if (r.getAndIncrement() == 0) {
                throw new Error("a meter that breaks once");
              }
              return 7;
            })
        .register(registry);
    registry.counter("jvm.not.ours").increment();
    CounterWindow window = new CounterWindow(Duration.ofSeconds(60));
    CounterSampler sampler =
        new CounterSampler(registry, window, Clock.systemUTC(), Duration.ofMillis(20));

    sampler.start();
    try {
      assertThat(Await.until(() -> window.size() >= 2, Duration.ofSeconds(5))).isTrue();
    } finally {
      sampler.stop();
    }

    CounterReading first = window.baseline(CounterReading.of(registry, Instant.now()));
    assertThat(reads.get()).isGreaterThan(2);
    assertThat(first.sum("tailgate.flaky", Map.of())).isEqualTo(7);
    assertThat(first.values().keySet())
        .extracting(SeriesKey::name)
        .containsExactly("tailgate.flaky");
  }
}
