package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.memory.Lease;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

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

  /** The most bytes a body may have, sent or decompressed. */
  long limit() {
    return limit;
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
    // The array stays as allocated (it is forwarded without a trimming copy): it is what is held.
    return switch (decoding) {
      case IDENTITY -> readRaw(in, contentLength, lease);
      case SNAPPY -> readSnappy(in, contentLength, lease);
      default -> readDecoded(in, contentLength, decoding, lease);
    };
  }

  private BodyBytes readRaw(InputStream in, long contentLength, Lease lease) throws IOException {
    return contentLength >= 0
        ? readExactly(in, (int) contentLength, lease)
        : readUpToLimit(in, FIRST_BUFFER, "request body", lease);
  }

  private BodyBytes readDecoded(
      InputStream in, long contentLength, ContentDecoding decoding, Lease lease)
      throws IOException {
    // The decoder's native or inflater resources are freed on close; the request stream is not
    // ours.
    try (InputStream decoded = decoding.decode(new LimitedStream(in, limit))) {
      int guess =
          contentLength > 0 ? (int) Math.min(contentLength * 4, FIRST_BUFFER * 128L) : FIRST_BUFFER;
      return readUpToLimit(decoded, guess, "decompressed request body", lease);
    }
  }

  /**
   * A framed snappy body streams like gzip; a block is read whole first, since its copies may reach
   * back to any earlier byte. The length a block declares is only believed to refuse it: over the
   * limit it is refused unread, otherwise it is paid for before its array exists, and snappy fails
   * a block that would not decode to exactly that length.
   */
  private BodyBytes readSnappy(InputStream in, long contentLength, Lease lease) throws IOException {
    byte[] identifier = SnappyFramedReader.STREAM_IDENTIFIER;
    PushbackInputStream peekable = new PushbackInputStream(in, identifier.length);
    byte[] head = peekable.readNBytes(identifier.length);
    peekable.unread(head);
    if (Arrays.equals(head, identifier)) {
      return readDecoded(peekable, contentLength, ContentDecoding.SNAPPY, lease);
    }
    BodyBytes block = readRaw(peekable, contentLength, lease);
    int declared = Snappy.uncompressedLength(block.array(), 0, block.length());
    // Negative: a declared length past 2^31, which snappy-java reports as an overflowed int.
    if (declared < 0 || declared > limit) {
      throw tooLarge("decompressed request body");
    }
    // The block and the decoded body live together while snappy decodes.
    payFor(lease, (long) block.array().length + declared);
    byte[] decoded = new byte[declared];
    int length = Snappy.uncompress(block.array(), 0, block.length(), decoded, 0);
    payFor(lease, declared);
    return new BodyBytes(decoded, length);
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
