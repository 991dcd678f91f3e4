package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

class BoundedBodyTest {
  private static final int LIMIT = 64 * 1024;

  private final BoundedBody body = new BoundedBody(LIMIT);
  private final MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
  private final Lease lease = budget.tryReserve(0);

  @Test
  void paysForTheBodyInTheMemoryBudgetBeforeReadingIt() throws IOException {
    byte[] sent = new byte[1000];

    body.read(new ByteArrayInputStream(sent), sent.length, ContentDecoding.IDENTITY, lease);

    assertThat(budget.used()).isEqualTo(1000);
  }

  @Test
  void refusesABodyTheBudgetCannotPayFor() {
    MemoryBudget small = new MemoryBudget(100, new SimpleMeterRegistry());
    Lease other = small.tryReserve(50);
    Lease mine = small.tryReserve(0);

    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(new byte[80]), 80, ContentDecoding.IDENTITY, mine))
        .isInstanceOf(MemorySpentException.class);
    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(gzip(new byte[4000])), -1, ContentDecoding.GZIP, mine))
        .isInstanceOf(MemorySpentException.class);
    assertThat(small.used()).isEqualTo(50);
    other.release();
  }

  @Test
  void readsABodyOfKnownLengthIntoAnArrayOfExactlyThatSize() throws IOException {
    byte[] sent = "hello".getBytes();

    BodyBytes read =
        body.read(new ByteArrayInputStream(sent), sent.length, ContentDecoding.IDENTITY, lease);

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

    assertThatThrownBy(() -> body.read(untouchable, LIMIT + 1, ContentDecoding.IDENTITY, lease))
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void refusesABodyShorterThanItsContentLength() {
    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(new byte[3]), 10, ContentDecoding.IDENTITY, lease))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void readsABodyOfUnknownLengthUpToTheLimit() throws IOException {
    byte[] sent = new byte[LIMIT];
    Arrays.fill(sent, (byte) 7);

    BodyBytes read = body.read(new ByteArrayInputStream(sent), -1, ContentDecoding.IDENTITY, lease);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  @Test
  void stopsAnEndlessBodyOfUnknownLengthJustPastTheLimit() {
    Endless endless = new Endless();

    assertThatThrownBy(() -> body.read(endless, -1, ContentDecoding.IDENTITY, lease))
        .isInstanceOf(BodyTooLargeException.class);
    assertThat(endless.served).isEqualTo(LIMIT + 1);
  }

  @Test
  void stopsACompressionBombJustPastTheLimit() throws IOException {
    byte[] bomb = gzip(new byte[16 * LIMIT]);
    assertThat(bomb.length).isLessThan(LIMIT);

    assertThatThrownBy(
            () ->
                body.read(new ByteArrayInputStream(bomb), bomb.length, ContentDecoding.GZIP, lease))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("decompressed");
  }

  @Test
  void refusesCompressedBytesOverTheLimitEvenWithoutContentLength() {
    assertThatThrownBy(() -> body.read(new Endless(), -1, ContentDecoding.DEFLATE, lease))
        .isInstanceOfAny(BodyTooLargeException.class, java.util.zip.ZipException.class);
  }

  @Test
  void decompressesGzip() throws IOException {
    byte[] sent = "compressed payload".getBytes();
    byte[] zipped = gzip(sent);

    BodyBytes read =
        body.read(new ByteArrayInputStream(zipped), zipped.length, ContentDecoding.GZIP, lease);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  @Test
  void decompressesZstd() throws IOException {
    byte[] sent = "compressed payload".getBytes();
    byte[] zstd = Zstd.compress(sent);

    BodyBytes read =
        body.read(new ByteArrayInputStream(zstd), zstd.length, ContentDecoding.ZSTD, lease);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  @Test
  void refusesAZstdFrameWhoseWindowIsOver8MiBBeforeTheDecoderAllocatesIt() {
    // Ten bytes: magic, a header declaring a 128 MiB window and no content size, and one last raw
    // block holding "A". The window a frame declares is what a streaming decoder allocates.
    byte[] wideWindow = {
      0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, (byte) 0x88, 0x09, 0x00, 0x00, 0x41
    };

    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(wideWindow),
                    wideWindow.length,
                    ContentDecoding.ZSTD,
                    lease))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("memory");
  }

  @Test
  void decompressesAZstdFrameWithAnEightMiBWindow() throws IOException {
    // As above with a window of 8 MiB (exponent 13): the largest RFC 9659 lets a decoder refuse.
    byte[] window8MiB = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, 0x68, 0x09, 0x00, 0x00, 0x41};

    BodyBytes read =
        body.read(
            new ByteArrayInputStream(window8MiB), window8MiB.length, ContentDecoding.ZSTD, lease);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(new byte[] {'A'});
  }

  @Test
  void decompressesASnappyBlockIntoAnArrayOfItsLengthPaidForInTheBudget() throws IOException {
    byte[] sent = new byte[10_000];
    Arrays.fill(sent, (byte) 'a');
    byte[] block = Snappy.compress(sent);

    BodyBytes read =
        body.read(new ByteArrayInputStream(block), block.length, ContentDecoding.SNAPPY, lease);

    assertThat(read.array()).isEqualTo(sent);
    assertThat(budget.used()).isEqualTo(sent.length);
  }

  @Test
  void decompressesASnappyFramedBodyOfManyChunks() throws IOException {
    byte[] sent = new byte[LIMIT - 1000];
    new Random(7).nextBytes(sent);
    Arrays.fill(sent, 0, sent.length / 2, (byte) 'a');
    byte[] framed = snappyFramed(sent);

    BodyBytes read = body.read(new ByteArrayInputStream(framed), -1, ContentDecoding.SNAPPY, lease);

    assertThat(Arrays.copyOf(read.array(), read.length())).isEqualTo(sent);
  }

  @Test
  void refusesASnappyBlockThatDecodesPastTheLimitWithoutPayingForIt() throws IOException {
    byte[] bomb = Snappy.compress(new byte[16 * LIMIT]);
    assertThat(bomb.length).isLessThan(LIMIT);

    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(bomb), bomb.length, ContentDecoding.SNAPPY, lease))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("decompressed");
    assertThat(budget.used()).isEqualTo(bomb.length);
  }

  @Test
  void refusesASnappyBlockDeclaringALengthItsBytesCannotHold() {
    // The block's preamble is its decoded length as a varint: here 2^31 - 1, followed by nothing.
    byte[] liar = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00};

    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(liar), liar.length, ContentDecoding.SNAPPY, lease))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("invalid uncompressed length");
  }

  @Test
  void refusesASnappyBlockThatDoesNotDecodeToTheLengthItDeclares() throws IOException {
    byte[] block = Snappy.compress(new byte[1000]);
    // Claim 2000 bytes (varint 0xd0 0x0f) for content that decodes to 1000.
    byte[] liar = new byte[block.length];
    System.arraycopy(block, 0, liar, 0, block.length);
    assertThat(new byte[] {liar[0], liar[1]}).isEqualTo(new byte[] {(byte) 0xe8, 0x07});
    liar[0] = (byte) 0xd0;
    liar[1] = 0x0f;

    assertThatThrownBy(
            () ->
                body.read(
                    new ByteArrayInputStream(liar), liar.length, ContentDecoding.SNAPPY, lease))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(BodyTooLargeException.class);
  }

  static byte[] snappyFramed(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream snappy = new SnappyFramedOutputStream(out)) {
      snappy.write(bytes);
    }
    return out.toByteArray();
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
