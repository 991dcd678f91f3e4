package dev.tailgate.pipeline.exporterhelper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The threads that drain an exporter's sending queue. Started and stopped from the exporter's
 * lifecycle calls only, which never run at once.
 */
final class SenderThreads {
  private final String name;
  private final List<Thread> threads = new ArrayList<>();

  /** {@code name} is the exporter's, {@code id/signal}; threads are named after it. */
  SenderThreads(String name) {
    this.name = name;
  }

  void start(int count, Runnable drain) {
    for (int i = 0; i < count; i++) {
      Thread thread = new Thread(drain, "exporter-" + name + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Waits for the threads to end by themselves until {@code deadline} (System.nanoTime). */
  void joinUntil(long deadline) {
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /**
   * Interrupts the threads and waits at most {@code wait} for all of them (not for each), so that a
   * sender that ignores interrupts delays its exporter's stop by that much only.
   */
  void interruptAndJoin(Duration wait) {
    threads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + wait.toNanos();
    for (Thread thread : threads) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /** Lets go of the threads, e.g. once interrupted for a hand-over; the rest end on their own. */
  void forget() {
    threads.clear();
  }
}
