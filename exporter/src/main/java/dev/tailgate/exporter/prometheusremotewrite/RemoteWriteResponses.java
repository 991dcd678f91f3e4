package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.client.http.HttpStatusClassifier;
import java.net.http.HttpHeaders;
import java.time.Clock;

/**
 * What a remote-write response means for the batch, per the remote-write spec: 2xx taken; 5xx and
 * 429 worth retrying (after Retry-After when given); any other status will never be taken, and the
 * first line of the body says why.
 */
final class RemoteWriteResponses {
  private static final int MAX_REASON_CHARS = 512;

  private final HttpStatusClassifier statuses;

  RemoteWriteResponses(Clock clock) {
    this.statuses = new HttpStatusClassifier(clock);
  }

  void check(int status, HttpHeaders headers, String body) {
    if (!HttpStatusClassifier.succeeded(status)) {
      throw statuses.failure(status, headers, "HTTP " + status + reason(body));
    }
  }

  private static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().lines().findFirst().orElse("");
    return ": "
        + (line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "…" : line);
  }
}
