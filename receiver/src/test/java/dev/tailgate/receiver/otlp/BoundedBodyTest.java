package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private static final int LIMIT = 64 * 1024;

  private final BoundedBody body = new BoundedBody(LIMIT);

  @Test
  void readsABodyOfKnownLengthIntoAnArrayOfExactlyThatSize() throws IOException {
    byte[] sent = "hello".getBytes();

    BodyBytes read =
        body.read(new ByteArrayInputStream(sent), sent.length, ContentDecoding.IDENTITY);

    assertThat(read.array()).isEqualTo(sent);
    assertThat(read.length()).isEqualTo(5);
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWithoutReading() {
    InputStream untouchable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read a body that is known to be too large");
          }
        };

    assertThatThrownBy(() -> body.read(untouchable, LIMIT + 1, ContentDecoding.IDENTITY))
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void refusesABodyShorterThanItsContentLength() {
    assertThatThrownBy(
            () -> body.read(new ByteArrayInputStream(new byte[3]), 10, ContentDecoding.IDENTITY))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void readsABodyOfUnknownLengthUpToTheLimit() throws IOException {
    byte[] sent = new byte[LIMIT];
    Arrays.fill(sent, (byte) 7);

    BodyBytes read = body.read(new ByteArrayInputStream(sent), -1, ContentDecoding.IDENTITY);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  @Test
  void stopsAnEndlessBodyOfUnknownLengthJustPastTheLimit() {
    Endless endless = new Endless();

    assertThatThrownBy(() -> body.read(endless, -1, ContentDecoding.IDENTITY))
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(endless.served).isEqualTo(LIMIT + 1);
  }

  @Test
  void stopsACompressionBombJustPastTheLimit() throws IOException {
    byte[] bomb = gzip(new byte[16 * LIMIT]);
    assertThat(bomb.length).isLessThan(LIMIT);

    assertThatThrownBy(
            () -> body.read(new ByteArrayInputStream(bomb), bomb.length, ContentDecoding.GZIP))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("decompressed");
  }

  @Test
  void refusesCompressedBytesOverTheLimitEvenWithoutContentLength() {
    assertThatThrownBy(() -> body.read(new Endless(), -1, ContentDecoding.DEFLATE))
        .isInstanceOfAny(BodyTooLargeException.class, java.util.zip.ZipException.class);
  }

  @Test
  void decompressesGzip() throws IOException {
    byte[] sent = "compressed payload".getBytes();
    byte[] zipped = gzip(sent);

    BodyBytes read =
        body.read(new ByteArrayInputStream(zipped), zipped.length, ContentDecoding.GZIP);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  /** A stream that never ends, counting what it handed out. */
  private static final class Endless extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 0);
      served += len;
      return len;
    }
  }
}
