package dev.tailgate.receiver.otlp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * Reads the snappy framing format (google/snappy framing_format.txt) strictly, one chunk at a time:
 * a data chunk may decode to at most 64 KiB, as the format says, so a chunk header that claims up
 * to 16 MiB is refused before anything is allocated for it (snappy-java's SnappyFramedInputStream
 * allocates whatever a header claims). Checksums are verified.
 */
final class SnappyFramedReader extends InputStream {
  /** The stream identifier chunk every framed stream starts with. */
  static final byte[] STREAM_IDENTIFIER = {
    (byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'
  };

  private static final int STREAM_IDENTIFIER_TYPE = 0xff;
  private static final int COMPRESSED_TYPE = 0x00;
  private static final int UNCOMPRESSED_TYPE = 0x01;
  private static final int LAST_UNSKIPPABLE_TYPE = 0x7f;
  private static final int CHECKSUM_BYTES = 4;
  private static final int MAX_DATA = 64 * 1024;
  private static final int MAX_CHUNK = CHECKSUM_BYTES + Snappy.maxCompressedLength(MAX_DATA);
  private static final int CHECKSUM_MASK_DELTA = 0xa282ead8;

  private final InputStream in;
  private final byte[] chunk = new byte[MAX_CHUNK];
  private final byte[] data = new byte[MAX_DATA];
  private final CRC32C crc = new CRC32C();
  private int position;
  private int limit;
  private boolean identified;
  private boolean ended;

  SnappyFramedReader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    return fill() ? data[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(data, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return limit - position;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Decodes chunks until one holds data; false at the end of the stream. */
  private boolean fill() throws IOException {
    while (position == limit) {
      if (ended) {
        return false;
      }
      int type = in.read();
      if (type < 0) {
        if (!identified) {
          throw new EOFException("snappy framed stream without a stream identifier");
        }
        ended = true;
        return false;
      }
      int length = readLength();
      if (!identified && type != STREAM_IDENTIFIER_TYPE) {
        throw new IOException("snappy framed stream does not start with a stream identifier");
      }
      switch (type) {
        case STREAM_IDENTIFIER_TYPE -> identify(length);
        case COMPRESSED_TYPE -> uncompress(length);
        case UNCOMPRESSED_TYPE -> copy(length);
        default -> skip(type, length);
      }
    }
    return true;
  }

  private int readLength() throws IOException {
    readFully(chunk, 3);
    return (chunk[0] & 0xff) | (chunk[1] & 0xff) << 8 | (chunk[2] & 0xff) << 16;
  }

  private void identify(int length) throws IOException {
    int bodyLength = STREAM_IDENTIFIER.length - 4;
    if (length != bodyLength) {
      throw new IOException("snappy stream identifier of " + length + " bytes");
    }
    readFully(chunk, bodyLength);
    if (!Arrays.equals(chunk, 0, bodyLength, STREAM_IDENTIFIER, 4, STREAM_IDENTIFIER.length)) {
      throw new IOException("not a snappy stream identifier");
    }
    identified = true;
  }

  private void uncompress(int length) throws IOException {
    if (length < CHECKSUM_BYTES || length > MAX_CHUNK) {
      throw new IOException(
          "compressed snappy chunk of " + length + " bytes (at most " + MAX_CHUNK + ")");
    }
    readFully(chunk, length);
    int compressedLength = length - CHECKSUM_BYTES;
    int decodedLength = Snappy.uncompressedLength(chunk, CHECKSUM_BYTES, compressedLength);
    if (decodedLength < 0 || decodedLength > MAX_DATA) {
      throw new IOException("snappy chunk decodes to more than " + MAX_DATA + " bytes");
    }
    // snappy writes exactly the length it just reported, or fails: data has room for it.
    limit = Snappy.uncompress(chunk, CHECKSUM_BYTES, compressedLength, data, 0);
    position = 0;
    verifyChecksum();
  }

  private void copy(int length) throws IOException {
    if (length < CHECKSUM_BYTES || length - CHECKSUM_BYTES > MAX_DATA) {
      throw new IOException(
          "uncompressed snappy chunk of "
              + length
              + " bytes (at most "
              + (CHECKSUM_BYTES + MAX_DATA)
              + ")");
    }
    readFully(chunk, CHECKSUM_BYTES);
    limit = length - CHECKSUM_BYTES;
    position = 0;
    if (in.readNBytes(data, 0, limit) < limit) {
      throw new EOFException("snappy chunk cut short");
    }
    verifyChecksum();
  }

  private void skip(int type, int length) throws IOException {
    if (type <= LAST_UNSKIPPABLE_TYPE) {
      throw new IOException("reserved snappy chunk type 0x" + Integer.toHexString(type));
    }
    // Skippable chunks (padding, 0x80-0xfe) are read in pieces, never held.
    int left = length;
    while (left > 0) {
      int n = in.readNBytes(chunk, 0, Math.min(left, chunk.length));
      if (n == 0) {
        throw new EOFException("snappy chunk cut short");
      }
      left -= n;
    }
  }

  /** The chunk's checksum (its first 4 bytes, little-endian) is a masked CRC-32C of its data. */
  private void verifyChecksum() throws IOException {
    int expected =
        (chunk[0] & 0xff)
            | (chunk[1] & 0xff) << 8
            | (chunk[2] & 0xff) << 16
            | (chunk[3] & 0xff) << 24;
    crc.reset();
    crc.update(data, 0, limit);
    int actual = (int) crc.getValue();
    int masked = ((actual >>> 15) | (actual << 17)) + CHECKSUM_MASK_DELTA;
    if (masked != expected) {
      position = limit;
      throw new IOException("snappy chunk checksum mismatch");
    }
  }

  private void readFully(byte[] into, int length) throws IOException {
    if (in.readNBytes(into, 0, length) < length) {
      throw new EOFException("snappy chunk cut short");
    }
  }
}
