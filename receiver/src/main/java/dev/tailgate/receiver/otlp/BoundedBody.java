package dev.tailgate.receiver.otlp;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import dev.tailgate.pipeline.memory.Lease;
import java.util.Arrays;

/**
 * Reads a request body into memory, never holding more than the limit: neither the bytes sent nor
 * the bytes they decompress to may exceed it. A body with a Content-Length is read into an array of
 * exactly that size; otherwise, and when decompressing, the buffer grows up to the limit, so a
 * compression bomb is stopped after at most {@code limit} bytes. Every array is paid for in the
 * memory budget before it is allocated ({@link Lease#resize}), so a spent budget refuses the
 * request before its bytes are on the heap.
 */
final class BoundedBody {
  private static final int FIRST_BUFFER = 8 * 1024;

  private final int limit;

  BoundedBody(long limit) {
    // A Java array cannot hold more; a larger configured limit means "no practical limit".
    this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 8);
  }

  /**
   * Reads the body from {@code in}; {@code contentLength} is -1 when the request has none.
   *
   * @throws BodyTooLargeException over the limit, sent or decompressed
   * @throws IOException a body shorter than its Content-Length, or one that does not decompress
   */
  BodyBytes read(InputStream in, long contentLength, ContentDecoding decoding, Lease lease)
      throws IOException {
    if (contentLength > limit) {
      throw tooLarge("request body");
    }
    BodyBytes body;
    if (decoding == ContentDecoding.IDENTITY) {
      body =
          contentLength >= 0
              ? readExactly(in, (int) contentLength, lease)
              : readUpToLimit(in, FIRST_BUFFER, "request body", lease);
    } else {
      // The decoder's native or inflater resources are freed on close; the request stream is not
      // ours.
      try (InputStream decoded = decoding.decode(new LimitedStream(in, limit))) {
        int guess =
            contentLength > 0 ? (int) Math.min(contentLength * 4, FIRST_BUFFER * 128L) : FIRST_BUFFER;
        body = readUpToLimit(decoded, guess, "decompressed request body", lease);
      }
    }
    // The array stays as allocated (it is forwarded without a trimming copy): it is what is held.
    return body;
  }

  private static void payFor(Lease lease, long bytes) throws MemorySpentException {
    if (!lease.resize(bytes)) {
      throw new MemorySpentException(bytes);
    }
  }

  private static BodyBytes readExactly(InputStream in, int length, Lease lease) throws IOException {
    payFor(lease, length);
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length) {
      throw new EOFException("request body ended after " + read + " of " + length + " bytes");
    }
    return BodyBytes.of(body);
  }

  private BodyBytes readUpToLimit(InputStream in, int firstBuffer, String what, Lease lease)
      throws IOException {
    int first = Math.max(1, Math.min(firstBuffer, limit));
    payFor(lease, first);
    byte[] buffer = new byte[first];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length == limit) {
          if (in.read() != -1) {
            throw tooLarge(what);
          }
          return new BodyBytes(buffer, length);
        }
        int grown = (int) Math.min((long) length * 2, limit);
        // The old and the new array live together during the copy.
        payFor(lease, (long) length + grown);
        buffer = Arrays.copyOf(buffer, grown);
        payFor(lease, grown);
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        return new BodyBytes(buffer, length);
      }
      length += read;
    }
  }

  private BodyTooLargeException tooLarge(String what) {
    return new BodyTooLargeException(what + " is over the limit of " + limit + " bytes");
  }

  /**
   * Counts raw bytes while a decoder pulls them, refusing past the limit; never closes its source.
   */
  private final class LimitedStream extends FilterInputStream {
    private final long max;
    private long count;

    LimitedStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counted(skipped);
      return skipped;
    }

    @Override
    public void close() {
      // The servlet container owns the request stream.
    }

    private void counted(long n) throws BodyTooLargeException {
      count += n;
      if (count > max) {
        throw tooLarge("request body");
      }
    }
  }
}
