package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds every attempt until {@link #release()}, like a backend that hangs; an interrupted attempt
 * fails retryably with the interrupt kept, as a client library would.
 */
final class BlockingSender<T> implements Sender<T> {
  private final SinkConsumer<T> sink;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  BlockingSender(Signal<T> signal) {
    this.sink = new SinkConsumer<>(signal);
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    entered.countDown();
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted while sending", null, e);
    }
    sink.consume(batch.retain());
  }

  /**
   * Waits until a consumer thread is inside {@link #send}, holding a batch it took off the queue.
   */
  void awaitFirstAttempt() throws InterruptedException {
    if (!entered.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no attempt to send within 10 s");
    }
  }

  void release() {
    released.countDown();
  }

  SinkConsumer<T> sink() {
    return sink;
  }
}
