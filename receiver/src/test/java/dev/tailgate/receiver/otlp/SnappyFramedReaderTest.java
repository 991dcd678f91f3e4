package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnappyFramedReaderTest {

  @Test
  void readsCompressedAndUncompressedChunksAsSnappyJavaWritesThem() throws IOException {
    // Random bytes do not compress, so snappy-java writes them as uncompressed chunks.
    byte[] sent = new byte[300_000];
    new Random(1).nextBytes(sent);
    Arrays.fill(sent, 0, 150_000, (byte) 'z');

    assertThat(read(BoundedBodyTest.snappyFramed(sent))).isEqualTo(sent);
  }

  @Test
  void skipsPaddingChunks() throws IOException {
    byte[] framed = BoundedBodyTest.snappyFramed("spans".getBytes());
    ByteArrayOutputStream padded = new ByteArrayOutputStream();
    padded.write(framed, 0, SnappyFramedReader.STREAM_IDENTIFIER.length);
    padded.write(new byte[] {(byte) 0xfe, 3, 0, 0, 0, 0, 0});
    padded.write(
        framed,
        SnappyFramedReader.STREAM_IDENTIFIER.length,
        framed.length - SnappyFramedReader.STREAM_IDENTIFIER.length);

    assertThat(read(padded.toByteArray())).isEqualTo("spans".getBytes());
  }

  @Test
  void refusesAChunkLongerThanTheFormatAllowsBeforeReadingIt() {
    // A compressed chunk header claiming 16 MiB - 1, with nothing after it.
    byte[] claim = withIdentifier(new byte[] {0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThatThrownBy(() -> read(claim))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(EOFException.class)
        .hasMessageContaining("at most");
  }

  @Test
  void refusesAChunkWhoseChecksumDoesNotMatch() throws IOException {
    byte[] framed = BoundedBodyTest.snappyFramed("spans".getBytes());
    // The first data chunk's checksum follows the identifier and the chunk's 4-byte header.
    framed[SnappyFramedReader.STREAM_IDENTIFIER.length + 4] ^= 1;

    assertThatThrownBy(() -> read(framed))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void refusesAStreamWithoutTheStreamIdentifier() throws IOException {
    byte[] framed = BoundedBodyTest.snappyFramed("spans".getBytes());
    byte[] headless =
        Arrays.copyOfRange(framed, SnappyFramedReader.STREAM_IDENTIFIER.length, framed.length);

    assertThatThrownBy(() -> read(headless))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("stream identifier");
    assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(EOFException.class);
  }

  @Test
  void refusesReservedUnskippableChunks() {
    assertThatThrownBy(() -> read(withIdentifier(new byte[] {0x02, 0, 0, 0})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("0x2");
  }

  private static byte[] withIdentifier(byte[] chunks) {
    byte[] stream =
        Arrays.copyOf(
            SnappyFramedReader.STREAM_IDENTIFIER,
            SnappyFramedReader.STREAM_IDENTIFIER.length + chunks.length);
    System.arraycopy(chunks, 0, stream, SnappyFramedReader.STREAM_IDENTIFIER.length, chunks.length);
    return stream;
  }

  private static byte[] read(byte[] framed) throws IOException {
    try (SnappyFramedReader reader = new SnappyFramedReader(new ByteArrayInputStream(framed))) {
      return reader.readAllBytes();
    }
  }
}
