package dev.tailgate.exporter.jaeger;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;

/**
 * OTLP's unsigned nanoseconds since the epoch as protobuf Timestamp and Duration, which Jaeger's
 * proto model uses with full nanosecond precision.
 */
final class JaegerTime {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private JaegerTime() {}

  static Timestamp timestamp(long unixNanos) {
    return Timestamp.newBuilder()
        .setSeconds(Long.divideUnsigned(unixNanos, NANOS_PER_SECOND))
        .setNanos((int) Long.remainderUnsigned(unixNanos, NANOS_PER_SECOND))
        .build();
  }

  /**
   * End minus start; zero when the end is missing or before the start, which Jaeger cannot draw.
   */
  static Duration duration(long startUnixNanos, long endUnixNanos) {
    if (Long.compareUnsigned(endUnixNanos, startUnixNanos) <= 0) {
      return Duration.getDefaultInstance();
    }
    long nanos = endUnixNanos - startUnixNanos;
    return Duration.newBuilder()
        .setSeconds(Long.divideUnsigned(nanos, NANOS_PER_SECOND))
        .setNanos((int) Long.remainderUnsigned(nanos, NANOS_PER_SECOND))
        .build();
  }
}
