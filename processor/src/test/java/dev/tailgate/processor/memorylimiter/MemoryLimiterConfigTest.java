package dev.tailgate.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryLimiterConfigTest {
  private static final long MIB = 1024 * 1024;

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ConfigErrors errors = new ConfigErrors();

  private MemoryLimiterConfig bind(String text) throws Exception {
    return new ConfigBinder()
        .bind(yaml.readTree(text), MemoryLimiterConfig.class, "processors.memory_limiter", errors)
        .orElse(null);
  }

  @Test
  void bindsLimitsInMib() throws Exception {
    MemoryLimiterConfig config =
        bind("{ check_interval: 1s, limit_mib: 4000, spike_limit_mib: 800 }");

    assertThat(config.checkInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.limits(Long.MAX_VALUE)).isEqualTo(new MemoryLimits(4000 * MIB, 3200 * MIB));
  }

  @Test
  void bindsLimitsAsPercentagesOfTheMaximumHeap() throws Exception {
    MemoryLimiterConfig config =
        bind("{ check_interval: 500ms, limit_percentage: 80, spike_limit_percentage: 30 }");

    assertThat(config.limits(1000 * MIB)).isEqualTo(new MemoryLimits(800 * MIB, 500 * MIB));
  }

  @Test
  void spikeDefaultsToAFifthOfTheLimitInEitherUnit() throws Exception {
    assertThat(bind("{ check_interval: 1s, limit_mib: 1000 }").limits(Long.MAX_VALUE))
        .isEqualTo(new MemoryLimits(1000 * MIB, 800 * MIB));
    assertThat(bind("{ check_interval: 1s, limit_percentage: 50 }").limits(1000 * MIB))
        .isEqualTo(new MemoryLimits(500 * MIB, 400 * MIB));
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void aSpikeOfZeroMeansTheDefaultAsInTheCollector() throws Exception {
    assertThat(
            bind("{ check_interval: 1s, limit_mib: 1000, spike_limit_mib: 0 }")
                .limits(Long.MAX_VALUE))
        .isEqualTo(new MemoryLimits(1000 * MIB, 800 * MIB));
  }

  @Test
  void limitMibTakesPrecedenceOverAPercentageAndTheOtherUnitWarns() throws Exception {
    ConfigErrors mixed = new ConfigErrors();
    MemoryLimiterConfig config =
        new ConfigBinder()
            .bind(
                yaml.readTree(
                    "{ check_interval: 1s, limit_mib: 100, limit_percentage: 50,"
                        + " spike_limit_percentage: 10 }"),
                MemoryLimiterConfig.class,
                "processors.memory_limiter",
                mixed)
            .orElseThrow();

    assertThat(config.limits(1000 * MIB)).isEqualTo(new MemoryLimits(100 * MIB, 80 * MIB));
    assertThat(mixed.problems()).isEmpty();
    assertThat(mixed.warnings())
        .extracting(w -> w.substring(0, w.indexOf(':')))
        .containsExactly(
            "processors.memory_limiter.limit_percentage",
            "processors.memory_limiter.spike_limit_percentage");
  }

  @Test
  void checksTheCollectorsGarbageCollectionIntervals() throws Exception {
    bind(
        "{ check_interval: 1s, limit_mib: 100, min_gc_interval_when_soft_limited: 1s,"
            + " min_gc_interval_when_hard_limited: 2s }");
    bind(
        "{ check_interval: 1s, limit_mib: 100, max_gc_interval_when_soft_limited: 5s,"
            + " max_gc_interval_when_hard_limited: 30s }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.memory_limiter.min_gc_interval_when_soft_limited: must be >="
                + " min_gc_interval_when_hard_limited",
            "processors.memory_limiter.max_gc_interval_when_soft_limited: must be >="
                + " min_gc_interval_when_soft_limited (or 0)",
            "processors.memory_limiter.max_gc_interval_when_soft_limited: must be >="
                + " max_gc_interval_when_hard_limited (when both are set)");
  }

  @Test
  void asksClientsToWaitTheCheckIntervalButAtLeastASecond() throws Exception {
    assertThat(bind("{ check_interval: 5s, limit_mib: 100 }").retryAfter())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(bind("{ check_interval: 100ms, limit_mib: 100 }").retryAfter())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void requiresCheckIntervalAndALimit() throws Exception {
    assertThat(bind("~")).isNull();

    assertThat(errors.problems())
        .containsExactly(
            "processors.memory_limiter.check_interval: is required (example: 1s)",
            "processors.memory_limiter: set limit_mib or limit_percentage (> 0)");
  }

  @Test
  void rejectsACheckIntervalOfZero() throws Exception {
    assertThat(bind("{ check_interval: 0s, limit_mib: 100 }")).isNull();

    assertThat(errors.problems())
        .containsExactly("processors.memory_limiter.check_interval: must be > 0");
  }

  @Test
  void rejectsASpikeThatIsNotBelowTheLimit() throws Exception {
    bind("{ check_interval: 1s, limit_mib: 100, spike_limit_mib: 100 }");
    bind("{ check_interval: 1s, limit_percentage: 50, spike_limit_percentage: 60 }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.memory_limiter.spike_limit_mib: must be < limit_mib (100)",
            "processors.memory_limiter.spike_limit_percentage: must be < limit_percentage (50)");
  }

  @Test
  void rejectsLimitsOutOfRange() throws Exception {
    bind("{ check_interval: 1s, limit_mib: -1 }");
    bind("{ check_interval: 1s, limit_percentage: 101 }");
    bind("{ check_interval: 1s, limit_mib: 10, spike_limit_mib: -1 }");

    assertThat(errors.problems())
        .containsExactly(
            "processors.memory_limiter.limit_mib: must be > 0",
            "processors.memory_limiter.limit_percentage: must be between 1 and 100",
            "processors.memory_limiter.spike_limit_mib: must be >= 0");
  }

  @Test
  void rejectsUnknownKeys() throws Exception {
    bind("{ check_interval: 1s, limit_mb: 100 }");

    assertThat(errors.problems().get(0))
        .startsWith("processors.memory_limiter.limit_mb: unknown key");
  }
}
