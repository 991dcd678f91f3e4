package dev.tailgate.processor.memorylimiter;

/**
 * The two thresholds in bytes: above {@code softBytes} data is refused; above {@code hardBytes} a
 * garbage collection is requested as well.
 */
public record MemoryLimits(long hardBytes, long softBytes) {

  public MemoryLimits {
    if (softBytes < 0 || softBytes > hardBytes) {
      throw new IllegalArgumentException(
          "soft limit " + softBytes + " must be between 0 and the hard limit " + hardBytes);
    }
  }

  /** Whole MiB, for messages. */
  static String mib(long bytes) {
    return bytes / (1024 * 1024) + " MiB";
  }
}
