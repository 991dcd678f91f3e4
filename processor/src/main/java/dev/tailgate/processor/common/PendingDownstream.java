package dev.tailgate.processor.common;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches a processor holds for its next component: accepted data is never dropped for a
 * retryable refusal downstream. A refused batch goes back first in line and is retried at the
 * processor's next pass; while the next component refuses, new data beyond a bound is refused
 * retryably, so clients back off instead of the processor growing without end; at shutdown what is
 * held is retried until the drain deadline, then released and counted as dropped.
 *
 * <p>This class owns what it holds (see {@link Consumer}): a batch it drops, it releases.
 * Thread-safe; the next component is called without any lock held, so callers may hold their own
 * lock around {@link #add}, {@link #take} and the counts, but not around {@link #pass}.
 */
public final class PendingDownstream<T> {
  private static final Logger log = LoggerFactory.getLogger(PendingDownstream.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);
  private static final long PAUSE_BEFORE_RETRY_MILLIS = 100;

  /** Batches taken out to be passed on; they still count as held until {@link #pass} returns. */
  public record Taken<T>(List<Batch<T>> batches, long items) {
    public boolean isEmpty() {
      return batches.isEmpty();
    }
  }

  private final String owner;
  private final String itemName;
  private final Consumer<T> next;
  private final UnaryOperator<List<Batch<T>>> shape;
  private final IntConsumer passed;
  private final IntConsumer dropped;

  private final Object lock = new Object();
  private List<Batch<T>> waiting = new ArrayList<>();
  private long waitingItems;
  private long passingItems;
  private boolean refusing;

  /**
   * @param owner names the processor in logs and refusals, e.g. {@code batch processor
   *     batch/traces}
   * @param itemName what the items are, in logs and refusals, e.g. {@code sampled spans}
   * @param shape turns what was taken into the batches to pass, outside any lock (the batch
   *     processor joins and splits there); it owns what it is given, and releases what it drops
   * @param passed told the items of each batch the next component took
   * @param dropped told the items of each batch dropped here: refused for good, or at shutdown
   */
  public PendingDownstream(
      String owner,
      String itemName,
      Consumer<T> next,
      UnaryOperator<List<Batch<T>>> shape,
      IntConsumer passed,
      IntConsumer dropped) {
    this.owner = owner;
    this.itemName = itemName;
    this.next = next;
    this.shape = shape;
    this.passed = passed;
    this.dropped = dropped;
  }

  /** Holds {@code batch}, after what waits already; it is this object's from now on. */
  public void add(Batch<T> batch) {
    synchronized (lock) {
      waiting.add(batch);
      waitingItems += batch.items();
    }
  }

  /**
   * Refuses {@code arriving} more items, retryably, when the next component is refusing and they
   * would bring what is held over {@code bound}. Only while it refuses: a request larger than the
   * bound, arriving while a few items wait to be passed, must still go through.
   */
  public void refuseBeyond(long bound, int arriving) {
    synchronized (lock) {
      long held = waitingItems + passingItems;
      if (refusing && held > 0 && held + arriving > bound) {
        throw new RetryableException(
            owner + " holds " + held + " " + itemName + " that the next component refuses",
            REFUSAL_RETRY_AFTER,
            null);
      }
    }
  }

  /** Items waiting to be passed on, not counting those being passed right now. */
  public long waitingItems() {
    synchronized (lock) {
      return waitingItems;
    }
  }

  /** Every item held: waiting, and being passed on right now. */
  public long heldItems() {
    synchronized (lock) {
      return waitingItems + passingItems;
    }
  }

  /** Whether the next component refused the last batch offered to it. */
  public boolean refusing() {
    synchronized (lock) {
      return refusing;
    }
  }

  /** Takes everything waiting, in order, to {@link #pass} it. */
  public Taken<T> take() {
    synchronized (lock) {
      Taken<T> taken = new Taken<>(waiting, waitingItems);
      waiting = new ArrayList<>();
      passingItems += waitingItems;
      waitingItems = 0;
      return taken;
    }
  }

  /** Passes on everything waiting; see {@link #pass}. */
  public boolean passWaiting() {
    return pass(take());
  }

  /**
   * Passes what was taken on, in order. A retryable refusal puts the refused batch and those after
   * it back, first in line, and stops there; a permanent one (or a bug downstream) drops that
   * batch. True when nothing taken is left.
   */
  public boolean pass(Taken<T> taken) {
    if (taken.isEmpty()) {
      return true;
    }
    List<Batch<T>> refused = List.of();
    try {
      List<Batch<T>> batches = shape.apply(taken.batches());
      for (int i = 0; i < batches.size(); i++) {
        Batch<T> batch = batches.get(i);
        // Read before the hand-off: once taken, the batch is the next component's.
        int items = batch.items();
        try {
          next.consume(batch);
          passed.accept(items);
          synchronized (lock) {
            refusing = false;
          }
        } catch (RetryableException e) {
          // Refused, so still ours: first in line for the next try.
          refused = batches.subList(i, batches.size());
          log.debug(
              "{}: next component refused, keeping {} {}: {}",
              owner,
              items,
              itemName,
              e.getMessage());
          break;
        } catch (PermanentException e) {
          drop(batch);
          log.error("{} dropped {} {}: {}", owner, items, itemName, e.getMessage());
        } catch (RuntimeException e) {
          // A bug downstream. Passing it up would tell the caller its batch was not taken, yet this
          // batch holds that one's lease and others': it is dropped like a permanent refusal
          // instead.
          drop(batch);
          log.error("{} dropped {} {}: unexpected {}", owner, items, itemName, e.toString(), e);
        }
      }
    } finally {
      putBack(taken.items(), refused);
    }
    return refused.isEmpty();
  }

  private void putBack(long takenItems, List<Batch<T>> refused) {
    synchronized (lock) {
      passingItems -= takenItems;
      if (refused.isEmpty()) {
        return;
      }
      List<Batch<T>> restored = new ArrayList<>(refused);
      restored.addAll(waiting);
      waiting = restored;
      for (Batch<T> batch : refused) {
        waitingItems += batch.items();
      }
      refusing = true;
    }
  }

  /**
   * At shutdown, once nothing new arrives: passes on everything held, retrying refusals until the
   * drain deadline; what is still refused then is released and counted as dropped.
   */
  public void drain(ShutdownDeadline shutdown) {
    long deadline = shutdown.nanos();
    while (true) {
      Taken<T> taken = take();
      if (taken.isEmpty()) {
        return;
      }
      if (pass(taken)) {
        continue;
      }
      if (System.nanoTime() >= deadline || !pauseBeforeRetry()) {
        break;
      }
    }
    Taken<T> left = take();
    log.error(
        "{} dropped {} {} at shutdown: the next component refused them until the drain deadline",
        owner,
        left.items(),
        itemName);
    left.batches().forEach(this::drop);
    synchronized (lock) {
      passingItems -= left.items();
    }
  }

  private void drop(Batch<T> batch) {
    dropped.accept(batch.items());
    batch.release();
  }

  /** Retries are paced: the next component refused a moment ago and needs time to make room. */
  private static boolean pauseBeforeRetry() {
    try {
      Thread.sleep(PAUSE_BEFORE_RETRY_MILLIS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
