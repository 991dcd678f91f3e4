package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records of one batch and where each stands: to write, in flight, or acknowledged. The
 * producer's I/O thread completes them; the helper's consumer thread writes and waits. Failures put
 * a record back to be written by the next attempt and say whether that may help.
 */
final class PendingRecords {
  private enum State {
    TO_WRITE,
    IN_FLIGHT,
    ACKED
  }

  private final String topic;
  private final List<KafkaMessage> messages;
  private final Consumer<KafkaMessage> onAck;
  private final State[] states;
  private Exception lastFailure;
  private Exception permanentFailure;

  PendingRecords(String topic, List<KafkaMessage> messages, Consumer<KafkaMessage> onAck) {
    this.topic = topic;
    this.messages = List.copyOf(messages);
    this.onAck = onAck;
    this.states = new State[this.messages.size()];
    java.util.Arrays.fill(states, State.TO_WRITE);
  }

  /**
   * Writes the records not yet written (at most {@code window} in flight at once, 0 for no bound)
   * and waits until each is acknowledged or {@code deadlineNanos} passes.
   *
   * @throws RetryableException when records failed in a way that may pass or are still unanswered
   * @throws PermanentException when a record can never be written
   */
  void writeRemaining(Producer<byte[], byte[]> producer, int window, long deadlineNanos)
      throws InterruptedException {
    synchronized (this) {
      lastFailure = null;
    }
    for (int i = 0; i < states.length; i++) {
      synchronized (this) {
        if (states[i] != State.TO_WRITE) {
          continue;
        }
        if (window > 0) {
          awaitInFlightBelow(window, deadlineNanos);
        }
        boolean full = window > 0 && count(State.IN_FLIGHT) >= window;
        if (full || lastFailure != null || permanentFailure != null) {
          break; // no room left in time, or the broker refuses now: the rest waits for the next
          // attempt
        }
        states[i] = State.IN_FLIGHT;
      }
      write(producer, i);
    }
    synchronized (this) {
      awaitInFlightBelow(1, deadlineNanos);
      if (permanentFailure != null) {
        throw new PermanentException(
            "Kafka refused a record for "
                + topic
                + " for good ("
                + progress()
                + "): "
                + permanentFailure,
            permanentFailure);
      }
      int unanswered = count(State.IN_FLIGHT);
      if (lastFailure != null || unanswered > 0 || count(State.TO_WRITE) > 0) {
        String why =
            lastFailure != null
                ? lastFailure.toString()
                : unanswered + " records unanswered within the timeout";
        throw new RetryableException(
            "Kafka has not taken every record for " + topic + " (" + progress() + "): " + why,
            null,
            lastFailure);
      }
    }
  }

  private void write(Producer<byte[], byte[]> producer, int index) {
    KafkaMessage message = messages.get(index);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, message.key(), message.value().toByteArray());
    try {
      // send() blocks for metadata up to max.block.ms (the timeout) while no broker answers, then
      // completes the callback with the failure in this thread.
      producer.send(record, (metadata, failure) -> completed(index, failure));
    } catch (RuntimeException e) {
      completed(index, e);
    }
  }

  private void completed(int index, Exception failure) {
    boolean acked;
    synchronized (this) {
      if (failure == null) {
        acked = states[index] != State.ACKED;
        states[index] = State.ACKED;
      } else {
        acked = false;
        states[index] = State.TO_WRITE;
        lastFailure = failure;
        if (!KafkaFailures.retryable(failure)) {
          permanentFailure = failure;
        }
      }
      notifyAll();
    }
    if (acked) {
      onAck.accept(messages.get(index));
    }
  }

  /**
   * Waits (holding the monitor) until fewer than {@code limit} records are in flight or the
   * deadline.
   */
  private void awaitInFlightBelow(int limit, long deadlineNanos) throws InterruptedException {
    while (count(State.IN_FLIGHT) >= limit) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
  }

  private int count(State state) {
    int n = 0;
    for (State s : states) {
      if (s == state) {
        n++;
      }
    }
    return n;
  }

  synchronized String progress() {
    return count(State.ACKED) + " of " + states.length + " records written";
  }
}
