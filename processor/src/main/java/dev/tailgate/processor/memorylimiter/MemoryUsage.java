package dev.tailgate.processor.memorylimiter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Where the limiter reads memory from: the JVM's heap in production, a fake in tests (the real heap
 * cannot be made to shrink on cue).
 */
public interface MemoryUsage {

  /** Heap in use now, in bytes. */
  long usedBytes();

  /** The most heap the JVM may use, in bytes; what {@code limit_percentage} is a percentage of. */
  long maxBytes();

  /**
   * This JVM's heap: in use without the young generation's eden, max as {@link
   * Runtime#maxMemory()}. Eden fills with short-lived objects between collections by design (G1
   * sizes it to do so): counting it would read every allocation burst as memory pressure and refuse
   * data that the next young collection frees in milliseconds. What survives a collection (survivor
   * and old spaces) is what fills the heap for real.
   */
  static MemoryUsage jvmHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> edens =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().contains("Eden"))
            .toList();
    Runtime runtime = Runtime.getRuntime();
    return new MemoryUsage() {
      @Override
      public long usedBytes() {
        long used = memory.getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean eden : edens) {
          used -= eden.getUsage().getUsed();
        }
        return Math.max(0, used);
      }

      @Override
      public long maxBytes() {
        return runtime.maxMemory();
      }
    };
  }
}
