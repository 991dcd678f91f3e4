package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * An OTLP/HTTP response: a status code and a message (the export response, or a google.rpc.Status
 * for errors), with a Retry-After in seconds when the client should come back later.
 */
record HttpReply(int status, Message body, OptionalLong retryAfterSeconds) {

  static HttpReply ok(Message response) {
    return new HttpReply(200, response, OptionalLong.empty());
  }

  static HttpReply error(int status, Code code, String message) {
    return new HttpReply(status, rpcStatus(code, message), OptionalLong.empty());
  }

  /** 503 with Retry-After in whole seconds, at least 1 (0 would invite a retry storm). */
  static HttpReply retryLater(Duration after, String message) {
    long seconds = Math.max(1, after.getSeconds() + (after.getNano() > 0 ? 1 : 0));
    return new HttpReply(503, rpcStatus(Code.UNAVAILABLE, message), OptionalLong.of(seconds));
  }

  /** The error reply for a refused export. */
  static HttpReply of(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Retry retry) {
      return retryLater(retry.retryAfter(), retry.message());
    }
    if (outcome instanceof IngestOutcome.Invalid invalid) {
      return error(400, Code.INVALID_ARGUMENT, invalid.message());
    }
    if (outcome instanceof IngestOutcome.Failed failed) {
      return error(500, Code.INTERNAL, failed.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }

  /** The plain-text form, for clients whose content type is not OTLP's. */
  String text() {
    return body instanceof Status status ? status.getMessage() : body.toString();
  }

  private static Status rpcStatus(Code code, String message) {
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message == null ? "" : message)
        .build();
  }
}
