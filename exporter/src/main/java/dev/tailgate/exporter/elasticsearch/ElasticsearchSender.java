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
import java.util.Optional;

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
 *
 * <p>With the Collector's {@code retry} block, its {@code retry_on_status} decides which document
 * statuses are retried, and after {@code max_retries} retries (or at once with {@code enabled:
 * false}) the documents still refused are dead-lettered and a request still failing fails the batch
 * for good.
 */
final class ElasticsearchSender<T> implements Sender<T> {
  private final DocumentEncoder<T> encoder;
  private final BulkClient client;
  private final BulkResponseParser parser = new BulkResponseParser();
  private final long flushBytes;
  private final DeadLetters deadLetters;
  private final PendingDocuments<T> pending = new PendingDocuments<>();
  private final Counter retried;
  private final Optional<BulkRetryConfig> retry;

  ElasticsearchSender(
      DocumentEncoder<T> encoder,
      BulkClient client,
      long flushBytes,
      DeadLetters deadLetters,
      Counter retried) {
    this(encoder, client, flushBytes, deadLetters, Optional.empty(), retried);
  }

  ElasticsearchSender(
      DocumentEncoder<T> encoder,
      BulkClient client,
      long flushBytes,
      DeadLetters deadLetters,
      Optional<BulkRetryConfig> retry,
      Counter retried) {
    this.encoder = encoder;
    this.client = client;
    this.flushBytes = flushBytes;
    this.deadLetters = deadLetters;
    this.retry = retry;
    this.retried = retried;
  }

  private boolean retryable(ItemFailure failure) {
    return retry.map(r -> r.statuses().contains(failure.status())).orElse(failure.retryable());
  }

  /** True when documents that sent {@code retries} times already may be sent once more. */
  private boolean mayRetry(int retries) {
    return retry.map(r -> r.enabled() && retries < r.retries()).orElse(true);
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    // A retry sends only what is pending, without parsing or translating the batch again.
    Optional<PendingDocuments.Remainder> remainder = pending.claim(batch);
    List<Document> documents =
        remainder
            .map(PendingDocuments.Remainder::documents)
            .orElseGet(() -> encoder.encode(batch.request()));
    int retries = remainder.map(r -> r.retries() + 1).orElse(0);
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
        if (!mayRetry(retries)) {
          throw new PermanentException(
              "bulk request failed after " + retries + " retries: " + e.getMessage(), e);
        }
        pending.keep(batch, again, retries);
        throw e;
      }
      List<DeadLetter> refused = new ArrayList<>();
      for (ItemFailure failure : failures) {
        if (failure.position() >= request.size()) {
          continue; // an item the request did not have: nothing to attribute it to
        }
        Document document = request.get(failure.position());
        if (retryable(failure) && mayRetry(retries)) {
          again.add(document);
          firstRetryable = firstRetryable == null ? failure : firstRetryable;
        } else {
          refused.add(new DeadLetter(document, failure.status(), failure.reason()));
        }
      }
      deadLetters.add(refused);
    }
    if (!again.isEmpty()) {
      pending.keep(batch, again, retries);
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
