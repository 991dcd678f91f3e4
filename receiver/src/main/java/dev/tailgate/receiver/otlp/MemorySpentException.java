package dev.tailgate.receiver.otlp;

import java.io.IOException;

/**
 * The memory budget cannot pay for reading a request body: a retryable refusal, not a bad request.
 */
final class MemorySpentException extends IOException {
  private static final long serialVersionUID = 1L;

  MemorySpentException(long bytes) {
    super(
        "the gateway's memory budget is spent ("
            + bytes
            + " bytes needed for the request); retry later");
  }
}
