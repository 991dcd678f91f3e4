package dev.tailgate.pipeline.memory;

import java.lang.ref.Cleaner;

/**
 * Bytes reserved from the {@link MemoryBudget} for one piece of data, shared by its holders. Each
 * holder owns one reference: {@link #retain()} before handing the data to a further holder, {@link
 * #release()} when done; the bytes return to the budget with the last release. A lease that is
 * garbage collected while still held gives its bytes back (and is counted as leaked), so a bug in a
 * holder degrades accounting instead of wedging the gateway.
 *
 * <p>A lease may carry an {@code onReleased} action, run once by the thread of the last release,
 * after the bytes went back: the moment every holder is done with the data (sent, stored on disk,
 * dropped, decided away). A receiver that must acknowledge its source only once the data is safe
 * (the kafka receiver's offset commit) learns it this way. A lease collected without its last
 * release (a holder's bug) does not run it: what became of the data is not known.
 *
 * <p>Thread-safe.
 */
public final class Lease {
  /** Holds nothing: data built by the gateway itself or from outside any budget. */
  public static final Lease NONE = new Lease();

  private final MemoryBudget budget;
  private final State state;
  private final Cleaner.Cleanable cleanable;
  private final Runnable onReleased;

  Lease(MemoryBudget budget, long bytes, Runnable onReleased) {
    this.budget = budget;
    this.state = new State(bytes);
    this.cleanable = budget.watch(this, state);
    this.onReleased = onReleased;
  }

  private Lease() {
    this.budget = null;
    this.state = null;
    this.cleanable = null;
    this.onReleased = null;
  }

  public long bytes() {
    return state == null ? 0 : state.bytes();
  }

  /** One more holder. */
  public Lease retain() {
    if (state != null) {
      state.retain();
    }
    return this;
  }

  /** One holder fewer; the last gives the bytes back. */
  public void release() {
    if (state == null) {
      return;
    }
    long freed = state.release();
    if (freed >= 0) {
      budget.giveBack(freed);
      cleanable.clean();
      if (onReleased != null) {
        onReleased.run();
      }
    }
  }

  /**
   * Grows or shrinks the reservation to {@code bytes} (a body's decompressed size, once known).
   * Returns false, changing nothing, when growing does not fit the budget.
   */
  public boolean resize(long bytes) {
    if (state == null) {
      return true;
    }
    synchronized (state) {
      long delta = bytes - state.bytes;
      if (delta > 0 && !budget.tryTake(delta)) {
        return false;
      }
      if (delta < 0) {
        budget.giveBack(-delta);
      }
      state.bytes = bytes;
      return true;
    }
  }

  @Override
  public String toString() {
    return state == null
        ? "Lease.NONE"
        : "Lease(" + state.bytes() + " bytes, " + state.refs + " holders)";
  }

  /**
   * Kept apart from the Lease so the cleaner's action can reach it without keeping the lease alive.
   */
  static final class State {
    private long bytes;
    private int refs = 1;

    State(long bytes) {
      this.bytes = bytes;
    }

    synchronized long bytes() {
      return bytes;
    }

    synchronized void retain() {
      if (refs <= 0) {
        throw new IllegalStateException("lease already released");
      }
      refs++;
    }

    /** The bytes to give back when this was the last holder, else -1. */
    synchronized long release() {
      if (refs <= 0) {
        throw new IllegalStateException("lease released more often than held");
      }
      refs--;
      return refs == 0 ? bytes : -1;
    }

    /** Called when the lease was collected: the bytes still held, if any. */
    synchronized long abandon() {
      if (refs <= 0) {
        return 0;
      }
      refs = 0;
      return bytes;
    }
  }
}
