package dev.tailgate.processor.memorylimiter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Where the limiter reads memory from: the JVM's heap in production, a fake in tests (the real heap
 * cannot be made to shrink on cue).
 */
public interface MemoryUsage {

  /** Heap in use now, in bytes. */
  long usedBytes();

  /** The most heap the JVM may use, in bytes; what {@code limit_percentage} is a percentage of. */
  long maxBytes();

  /** This JVM's heap: used as the memory MXBean reports it, max as {@link Runtime#maxMemory()}. */
  static MemoryUsage jvmHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Runtime runtime = Runtime.getRuntime();
    return new MemoryUsage() {
      @Override
      public long usedBytes() {
        return memory.getHeapMemoryUsage().getUsed();
      }

      @Override
      public long maxBytes() {
        return runtime.maxMemory();
      }
    };
  }
}
