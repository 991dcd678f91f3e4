package dev.tailgate.exporter.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Whether a failed write may succeed later. Timeouts, a broker down or without its leaders, too few
 * in-sync replicas are retried; a record too large, a topic we may not write or do not authenticate
 * for, an invalid topic name are not: the same record would fail the same way.
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /**
   * Whether {@code failure} leaves the producer unusable. An idempotent producer that met an
   * authentication failure, a fenced epoch or a lost sequence stays in an error state and fails
   * every later send with a KafkaException caused by the first error, so the cause chain is read.
   */
  static boolean breaksProducer(Throwable failure) {
    for (Throwable f = failure; f != null; f = f.getCause() == f ? null : f.getCause()) {
      if (f instanceof AuthenticationException
          || f instanceof ProducerFencedException
          || f instanceof OutOfOrderSequenceException
          || f instanceof InvalidProducerEpochException
          || f instanceof IllegalStateException) {
        return true;
      }
    }
    return false;
  }

  static boolean retryable(Throwable failure) {
    if (failure instanceof RecordTooLargeException
        || failure instanceof RecordBatchTooLargeException
        || failure instanceof AuthorizationException
        || failure instanceof AuthenticationException
        || failure instanceof InvalidTopicException
        || failure instanceof SerializationException
        || failure instanceof UnsupportedVersionException) {
      return false;
    }
    if (failure instanceof RetriableException || failure instanceof InterruptException) {
      return true;
    }
    // Other Kafka errors (a fenced or closed producer, an unknown server error) and anything else:
    // the producer or broker may recover, and dropping data on a guess would lose it for good.
    return true;
  }
}
