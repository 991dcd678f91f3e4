package dev.tailgate.processor.memorylimiter;

/** Memory use set by the test; a requested garbage collection frees what the test said it would. */
final class FakeMemory implements MemoryUsage {
  static final long MIB = 1024 * 1024;

  private final long maxBytes;
  private long usedBytes;
  private long freedByGc;
  private int gcRequests;

  FakeMemory(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void use(long mib) {
    usedBytes = mib * MIB;
  }

  void gcWouldFree(long mib) {
    freedByGc = mib * MIB;
  }

  void gc() {
    gcRequests++;
    usedBytes -= freedByGc;
  }

  int gcRequests() {
    return gcRequests;
  }

  @Override
  public synchronized long usedBytes() {
    return usedBytes;
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }
}
