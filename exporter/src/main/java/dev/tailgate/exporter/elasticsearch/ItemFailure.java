package dev.tailgate.exporter.elasticsearch;

/**
 * A document of a bulk request that was not indexed: its position in the request, status and
 * reason.
 */
record ItemFailure(int position, int status, String reason) {

  /** Back-pressure (429) or a server-side failure (5xx): the same document may be taken later. */
  boolean retryable() {
    return status == 429 || status >= 500;
  }
}
