package dev.tailgate.receiver.otlp;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what a refused request still has to send. A server that answers early and
 * closes the connection resets it while the client is still writing, and many clients (the JDK's
 * HttpClient among them) then report a broken pipe instead of the answer: a 413 or 429 that never
 * reaches the client cannot tell it what to do. Discarding a bounded rest keeps the connection
 * usable and the answer readable; past the bound the connection is closed instead.
 */
final class UnreadBody {
  /** What any refusal may discard, as Go's net/http does for handlers that did not read. */
  static final long SMALL = 256 * 1024;

  private static final int SCRATCH = 8 * 1024;

  private UnreadBody() {}

  /**
   * @return true when the body ended within {@code max} more bytes, false when it was longer or
   *     could not be read (the caller then closes the connection)
   */
  static boolean discard(InputStream in, long declaredLength, long max) {
    if (declaredLength > max) {
      return false;
    }
    byte[] scratch = new byte[SCRATCH];
    long discarded = 0;
    try {
      while (discarded <= max) {
        int read = in.read(scratch);
        if (read < 0) {
          return true;
        }
        discarded += read;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
