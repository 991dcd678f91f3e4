package dev.tailgate.receiver.otlp;

import java.util.concurrent.TimeUnit;

/**
 * Lets HTTP requests into the pipeline only while the receiver runs, and lets shutdown wait for the
 * ones under way. The servlet is served by the gateway's Jetty, whose life is longer than the
 * receiver's: without this, requests could reach processors that are already stopped.
 */
final class RequestGate {
  private boolean open;
  private int inFlight;

  synchronized void open() {
    open = true;
  }

  /** True if the request may go on; it must then call {@link #leave()}. */
  synchronized boolean tryEnter() {
    if (!open) {
      return false;
    }
    inFlight++;
    return true;
  }

  synchronized void leave() {
    inFlight--;
    if (inFlight == 0) {
      notifyAll();
    }
  }

  synchronized void close() {
    open = false;
  }

  /** Waits until no request is under way or {@code deadlineNanos} (System.nanoTime) passes. */
  synchronized boolean awaitDrained(long deadlineNanos) throws InterruptedException {
    while (inFlight > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
