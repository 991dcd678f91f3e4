package dev.tailgate.processor.tailsampling.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample rates for the dynamic policy, from how many traces each key had in an interval. The kept
 * budget (all traces / goal rate) is shared out in proportion to log10 of each key's count, so a
 * key ten times as frequent gets one more "share", not ten times the room: rare keys keep all their
 * traces, frequent keys are thinned, and what a key leaves unused passes on to the bigger ones.
 * (The idea of Honeycomb Refinery's average-sample-rate sampler.)
 */
final class SampleRateAllocator {
  private SampleRateAllocator() {}

  /**
   * Rate N means keep one trace in N; every key of {@code counts} gets one (1 when it had at most 1
   * trace).
   */
  static <K> Map<K, Integer> rates(Map<K, Long> counts, int goalSampleRate) {
    Map<K, Integer> rates = new HashMap<>();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    double logSum = counts.values().stream().mapToDouble(c -> Math.log10(Math.max(1, c))).sum();
    if (total == 0 || logSum == 0) {
      // Every key had at most one trace: none is frequent, keep them all.
      counts.keySet().forEach(k -> rates.put(k, 1));
      return rates;
    }
    double keptPerLogUnit = (double) total / goalSampleRate / logSum;

    // Rarest first, so the room they leave flows on to the frequent keys.
    List<Map.Entry<K, Long>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort(Map.Entry.comparingByValue());
    double unused = 0;
    int remaining = byCount.size();
    for (Map.Entry<K, Long> entry : byCount) {
      double count = Math.max(1, entry.getValue());
      double inherited = unused / remaining;
      unused -= inherited;
      remaining--;
      double room = Math.max(1, Math.log10(count) * keptPerLogUnit) + inherited;
      int rate = count <= room ? 1 : (int) Math.min(Integer.MAX_VALUE, Math.ceil(count / room));
      unused += room - count / rate;
      rates.put(entry.getKey(), rate);
    }
    return rates;
  }
}
