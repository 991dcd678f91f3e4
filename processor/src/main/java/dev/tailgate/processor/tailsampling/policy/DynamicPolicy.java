package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dynamic}: see {@link DynamicConfig}. Traces are counted by key in the current interval;
 * when the clock passes its end, the counts become the rates of the next interval ({@link
 * SampleRateAllocator}). A key without a rate is kept at rate 1 (it was not seen last interval: a
 * new error on one route is kept), except that once keys overflowed {@code max_keys}, unknown keys
 * take the shared overflow group's rate. Whether a trace is kept is decided by its trace id hash
 * against 1/rate, so every gateway with the same rates keeps the same traces.
 */
final class DynamicPolicy implements Policy {
  /** Not the probabilistic policy's default salt, so the two policies pick independent traces. */
  private static final String HASH_SALT = "tailgate-dynamic";

  private final String name;
  private final Clock clock;
  private final SamplingKeys keys;
  private final int goalSampleRate;
  private final Duration interval;
  private final int maxKeys;
  private final TraceIdHash hash = new TraceIdHash(HASH_SALT);

  private final Map<SamplingKey, Long> counts = new LinkedHashMap<>();
  private long overflowCount;
  private Map<SamplingKey, Integer> rates = Map.of();
  private Instant intervalEnd;

  DynamicPolicy(String name, Clock clock, DynamicConfig config) {
    this.name = name;
    this.clock = clock;
    this.keys = new SamplingKeys(config.keyFields());
    this.goalSampleRate = config.goalSampleRate();
    this.interval = config.adjustmentInterval();
    this.maxKeys = config.maxKeys();
    this.intervalEnd = clock.instant().plus(interval);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    adjustIfIntervalEnded();
    SamplingKey key = keys.of(trace);
    count(key);
    int rate = rateOf(key);
    double probability = 1.0 / rate;
    return hash.fraction(trace.traceId()) < probability
        ? Decision.sampledWithProbability(probability)
        : Decision.NOT_SAMPLE;
  }

  private void adjustIfIntervalEnded() {
    Instant now = clock.instant();
    if (now.isBefore(intervalEnd)) {
      return;
    }
    long intervalsSinceEnd = Duration.between(intervalEnd, now).toNanos() / interval.toNanos();
    if (intervalsSinceEnd == 0) {
      Map<SamplingKey, Long> finished = new LinkedHashMap<>(counts);
      if (overflowCount > 0) {
        finished.put(SamplingKey.OVERFLOW, overflowCount);
      }
      rates = SampleRateAllocator.rates(finished, goalSampleRate);
    } else {
      // A whole interval went by without traces: nothing is frequent any more.
      rates = Map.of();
    }
    counts.clear();
    overflowCount = 0;
    intervalEnd = intervalEnd.plus(interval.multipliedBy(intervalsSinceEnd + 1));
  }

  private void count(SamplingKey key) {
    if (counts.containsKey(key) || counts.size() < maxKeys) {
      counts.merge(key, 1L, Long::sum);
    } else {
      overflowCount++;
    }
  }

  private int rateOf(SamplingKey key) {
    Integer rate = rates.get(key);
    if (rate != null) {
      return rate;
    }
    return rates.getOrDefault(SamplingKey.OVERFLOW, 1);
  }
}
