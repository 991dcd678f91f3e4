package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt at a batch: its documents (or, on a retry, those still pending) go out in bulk
 * requests of at most {@code flush.bytes}; each item's result decides its fate.
 *
 * <ul>
 *   <li>indexed: done;
 *   <li>429 or 5xx: kept pending for the batch, and the attempt ends with a retryable error, so the
 *       exporter helper backs off (retry_on_failure) and calls again, which sends only those;
 *   <li>any other status (a mapping conflict, a bad value): dead-lettered, never retried.
 * </ul>
 *
 * A whole request that fails retryably keeps its documents and all later ones pending; one that
 * fails permanently (400, 401, 403, ...) ends the attempt with a permanent error.
 */
final class ElasticsearchSender<T> implements Sender<T> {
  private final DocumentEncoder<T> encoder;
  private final BulkClient client;
  private final BulkResponseParser parser = new BulkResponseParser();
  private final long flushBytes;
  private final DeadLetters deadLetters;
  private final PendingDocuments<T> pending = new PendingDocuments<>();
  private final Counter retried;

  ElasticsearchSender(
      DocumentEncoder<T> encoder,
      BulkClient client,
      long flushBytes,
      DeadLetters deadLetters,
      Counter retried) {
    this.encoder = encoder;
    this.client = client;
    this.flushBytes = flushBytes;
    this.deadLetters = deadLetters;
    this.retried = retried;
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    // A retry sends only what is pending, without parsing or translating the batch again.
    List<Document> documents =
        pending.claim(batch).orElseGet(() -> encoder.encode(batch.request()));
    long deadline = System.nanoTime() + timeout.toNanos();
    List<List<Document>> requests = BulkRequests.split(documents, flushBytes);
    List<Document> again = new ArrayList<>();
    ItemFailure firstRetryable = null;
    for (int i = 0; i < requests.size(); i++) {
      List<Document> request = requests.get(i);
      long left = deadline - System.nanoTime();
      List<ItemFailure> failures;
      try {
        if (left <= 0) {
          throw new RetryableException("timed out after " + timeout.toMillis() + " ms");
        }
        failures = parse(client.post(BulkRequests.body(request), Duration.ofNanos(left)));
      } catch (RetryableException e) {
        requests.subList(i, requests.size()).forEach(again::addAll);
        pending.keep(batch, again);
        throw e;
      }
      List<DeadLetter> refused = new ArrayList<>();
      for (ItemFailure failure : failures) {
        if (failure.position() >= request.size()) {
          continue; // an item the request did not have: nothing to attribute it to
        }
        Document document = request.get(failure.position());
        if (failure.retryable()) {
          again.add(document);
          firstRetryable = firstRetryable == null ? failure : firstRetryable;
        } else {
          refused.add(new DeadLetter(document, failure.status(), failure.reason()));
        }
      }
      deadLetters.add(refused);
    }
    if (!again.isEmpty()) {
      pending.keep(batch, again);
      retried.increment(again.size());
      throw new RetryableException(
          again.size()
              + " of "
              + documents.size()
              + " documents not taken for now (HTTP "
              + firstRetryable.status()
              + ": "
              + firstRetryable.reason()
              + "); retrying those");
    }
  }

  private List<ItemFailure> parse(byte[] response) {
    try {
      return parser.failures(response);
    } catch (IOException e) {
      throw new PermanentException("unreadable bulk response: " + e.getMessage(), e);
    }
  }
}
