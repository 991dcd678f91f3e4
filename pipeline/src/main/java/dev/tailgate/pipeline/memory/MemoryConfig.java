package dev.tailgate.pipeline.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code service.memory}: the gateway's memory budget, in bytes of telemetry it may hold at once
 * (request bodies being read, batches waiting, sending queues). Either {@code limit_mib}, or {@code
 * limit_percentage} of the JVM's max heap; by default {@value #DEFAULT_PERCENTAGE}%. The rest of
 * the heap is headroom for what the budget does not count: parsed views a processor holds while it
 * works (4-6x the bytes it looks at), the tail-sampling buffer, connections, and the GC's own
 * working room.
 */
public record MemoryConfig(
    @JsonProperty("limit_mib") Long limitMib,
    @JsonProperty("limit_percentage") Integer limitPercentage)
    implements Validatable {

  public static final int DEFAULT_PERCENTAGE = 40;
  public static final MemoryConfig DEFAULT = new MemoryConfig(null, null);
  static final long MAX_LIMIT_MIB = Long.MAX_VALUE / (1024 * 1024);

  /** The budget in bytes for a JVM whose max heap is {@code maxHeap} bytes. */
  public long limitBytes(long maxHeap) {
    if (limitMib != null) {
      return limitMib * 1024 * 1024;
    }
    int percentage = limitPercentage == null ? DEFAULT_PERCENTAGE : limitPercentage;
    return Math.max(1, maxHeap / 100 * percentage);
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(
        limitMib == null || limitPercentage == null,
        "limit_mib",
        "set limit_mib or limit_percentage, not both");
    errors.check(limitMib == null || limitMib > 0, "limit_mib", "must be > 0");
    // Beyond this the budget in bytes overflows a long, and the gateway could not create it.
    errors.check(
        limitMib == null || limitMib <= MAX_LIMIT_MIB,
        "limit_mib",
        "must be at most " + MAX_LIMIT_MIB);
    errors.check(
        limitPercentage == null || limitPercentage > 0 && limitPercentage <= 90,
        "limit_percentage",
        "must be between 1 and 90 (the heap needs room beyond the data it holds)");
  }
}
