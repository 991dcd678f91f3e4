package dev.tailgate.receiver.otlp;

import java.io.IOException;

/** A request body (as sent, or once decompressed) is over {@code max_request_body_size}. */
final class BodyTooLargeException extends IOException {
  BodyTooLargeException(String message) {
    super(message);
  }
}
