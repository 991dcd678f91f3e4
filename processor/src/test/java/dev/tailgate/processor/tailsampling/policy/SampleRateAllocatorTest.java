package dev.tailgate.processor.tailsampling.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRateAllocatorTest {

  @Test
  void aSingleKeyGetsTheGoalRate() {
    assertThat(SampleRateAllocator.rates(Map.of("a", 1000L), 10))
        .containsExactly(Map.entry("a", 10));
  }

  @Test
  void rareKeysKeepEverythingAndFrequentOnesAreThinned() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("frequent", 10_000L);
    counts.put("rare", 1L);
    counts.put("few", 5L);

    Map<String, Integer> rates = SampleRateAllocator.rates(counts, 10);

    assertThat(rates.get("rare")).isEqualTo(1);
    assertThat(rates.get("few")).isEqualTo(1);
    assertThat(rates.get("frequent")).isBetween(10, 12);
  }

  @Test
  void keepsAboutTotalOverGoalAcrossManyKeysOfManySizes() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < 50; i++) {
      long count = 1L << (i % 15); // 1 .. 16384
      counts.put("k" + i, count);
      total += count;
    }

    Map<String, Integer> rates = SampleRateAllocator.rates(counts, 20);

    double kept =
        counts.entrySet().stream()
            .mapToDouble(e -> (double) e.getValue() / rates.get(e.getKey()))
            .sum();
    assertThat(kept).isBetween(total / 20.0 * 0.8, total / 20.0 * 1.2);
    assertThat(rates.get("k0")).isEqualTo(1);
    assertThat(rates.get("k14")).isGreaterThan(20); // the biggest keys pay for the small ones
  }

  @Test
  void keysOfOneTraceEachAreAllKept() {
    assertThat(SampleRateAllocator.rates(Map.of("a", 1L, "b", 1L), 10))
        .containsOnly(Map.entry("a", 1), Map.entry("b", 1));
    assertThat(SampleRateAllocator.rates(Map.<String, Long>of(), 10)).isEmpty();
  }
}
