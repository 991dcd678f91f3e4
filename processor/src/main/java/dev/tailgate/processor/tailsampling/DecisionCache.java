package dev.tailgate.processor.tailsampling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;

/**
 * Remembers recent verdicts by trace id ({@code decision_cache}), so a span that arrives after its
 * trace was decided follows the verdict instead of starting a new trace. Sampled and not-sampled
 * verdicts have separate sizes: kept traces are rare and their late spans matter more.
 */
final class DecisionCache {
  private final Cache<ByteString, SamplingVerdict> sampled;
  private final Cache<ByteString, Boolean> notSampled;

  DecisionCache(DecisionCacheConfig config) {
    this.sampled = cache(config.sampledCacheSize());
    this.notSampled = cache(config.nonSampledCacheSize());
  }

  /** Null for a size of 0: no cache at all rather than one that keeps nothing. */
  private static <V> Cache<ByteString, V> cache(int size) {
    if (size == 0) {
      return null;
    }
    // Evicting on the caller's thread keeps the size bound exact and needs no pool.
    return Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
  }

  void remember(ByteString traceId, SamplingVerdict verdict) {
    if (verdict.sampled()) {
      if (sampled != null) {
        sampled.put(traceId, verdict);
      }
    } else if (notSampled != null) {
      notSampled.put(traceId, Boolean.TRUE);
    }
  }

  /** The verdict for a decided trace, or null when it is not remembered. */
  SamplingVerdict lookup(ByteString traceId) {
    if (sampled != null) {
      SamplingVerdict verdict = sampled.getIfPresent(traceId);
      if (verdict != null) {
        return verdict;
      }
    }
    if (notSampled != null && notSampled.getIfPresent(traceId) != null) {
      return SamplingVerdict.NOT_SAMPLED;
    }
    return null;
  }
}
