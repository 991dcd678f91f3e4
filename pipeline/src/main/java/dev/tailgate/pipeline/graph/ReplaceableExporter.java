package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.HandsOver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The place of one exporter (id and signal) in the running graph, so that a config reload can put a
 * rebuilt instance there while the pipelines keep their reference. During a replacement, which
 * takes a moment (the old instance's sender threads stop, the new one starts), new batches get a
 * retryable refusal: processors keep them and clients retry, nothing is lost.
 */
final class ReplaceableExporter<T> implements Exporter<T> {
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);

  /** How long a replacement waits for calls under way (a send without queue is one) to return. */
  private static final Duration QUIET_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final Signal<T> signal;
  private volatile Exporter<T> current;

  /** Guarded by this: calls under way, and whether new ones are refused. */
  private int underWay;

  private boolean replacing;

  ReplaceableExporter(String name, Signal<T> signal, Exporter<T> first) {
    this.name = name;
    this.signal = signal;
    this.current = first;
  }

  Signal<T> signal() {
    return signal;
  }

  Exporter<T> current() {
    return current;
  }

  @Override
  public Reservation reserve(Batch<T> batch) {
    Exporter<T> target = enter();
    Reservation reserved;
    try {
      reserved = target.reserve(batch);
    } catch (RuntimeException e) {
      leave();
      throw e;
    }
    return new Reservation() {
      @Override
      public void commit() {
        try {
          reserved.commit();
        } finally {
          leave();
        }
      }

      @Override
      public void cancel() {
        try {
          reserved.cancel();
        } finally {
          leave();
        }
      }
    };
  }

  @Override
  public void consume(Batch<T> batch) {
    Exporter<T> target = enter();
    try {
      target.consume(batch);
    } finally {
      leave();
    }
  }

  @Override
  public void start() {
    current.start();
  }

  @Override
  public void shutdown() {
    current.shutdown();
  }

  /**
   * Puts {@code build}'s exporter in place of the current one and hands it what the current one
   * holds. If building or starting fails, the current one goes on as before and the error is
   * thrown.
   */
  void replace(Supplier<Exporter<T>> build) {
    Exporter<T> old = current;
    HandsOver<T> handing = old instanceof HandsOver<T> h ? h : null;
    Exporter<T> next;
    // The lock is held only to change state and to wait: callers meanwhile get a refusal at once
    // instead of blocking a receiver thread.
    synchronized (this) {
      replacing = true;
      awaitQuiet();
    }
    try {
      if (handing != null) {
        // Also cuts short a send without queue still under way: its caller gets a retryable error.
        handing.stopSending();
        synchronized (this) {
          awaitQuiet();
        }
      }
      try {
        next = build.get();
        next.start();
      } catch (RuntimeException e) {
        if (handing != null) {
          handing.resumeSending();
        }
        throw e;
      }
      current = next;
    } finally {
      synchronized (this) {
        replacing = false;
      }
    }
    if (handing != null && next instanceof HandsOver<T> taker) {
      handing.handOverTo(taker);
    } else {
      if (handing != null) {
        handing.resumeSending();
      }
      // Drains what it holds to its own backend, as at shutdown.
      old.shutdown();
    }
  }

  private synchronized Exporter<T> enter() {
    if (replacing) {
      throw new RetryableException(
          "exporter " + name + " is being rebuilt by a config reload", REFUSAL_RETRY_AFTER, null);
    }
    underWay++;
    return current;
  }

  private synchronized void leave() {
    underWay--;
    if (underWay == 0) {
      notifyAll();
    }
  }

  /** Holds the lock; waits (releasing it) until no call is under way, or gives up after a while. */
  private void awaitQuiet() {
    long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
    try {
      while (underWay > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return current.toString();
  }
}
