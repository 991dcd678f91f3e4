package dev.tailgate.receiver.otlp;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

/** The {@code Content-Encoding}s OTLP/HTTP clients use, and how to undo each. */
enum ContentDecoding {
  IDENTITY {
    @Override
    InputStream decode(InputStream raw) {
      return raw;
    }
  },
  GZIP {
    @Override
    InputStream decode(InputStream raw) throws IOException {
      return new GZIPInputStream(raw);
    }
  },
  /** HTTP's "deflate" is the zlib format, which InflaterInputStream reads by default. */
  DEFLATE {
    @Override
    InputStream decode(InputStream raw) {
      return new InflaterInputStream(raw);
    }
  },
  ZSTD {
    @Override
    InputStream decode(InputStream raw) throws IOException {
      return new ZstdInputStream(raw).setLongMax(ZSTD_MAX_WINDOW_LOG);
    }
  },
  /**
   * "snappy" is the block format in the Collector's confighttp, and "x-snappy-framed" the framing
   * format; Collectors before v0.125 sent the framing format as "snappy", so, as the Collector
   * does, a body that starts with the framing format's stream identifier is read as framed. This
   * decodes the framing format; {@link BoundedBody} tells the two apart and decodes a block itself,
   * whole, since a block cannot be read as a stream.
   */
  SNAPPY {
    @Override
    InputStream decode(InputStream raw) {
      return new SnappyFramedReader(raw);
    }
  },
  /** The LZ4 frame format, as the Collector's confighttp reads "lz4". */
  LZ4 {
    @Override
    InputStream decode(InputStream raw) throws IOException {
      return new LZ4FrameInputStream(raw);
    }
  };

  /**
   * 8 MiB: RFC 9659 lets a zstd decoder refuse larger windows. Without a cap a small frame could
   * make the decoder allocate a window of up to 128 MiB outside the heap and the memory budget.
   */
  static final int ZSTD_MAX_WINDOW_LOG = 23;

  abstract InputStream decode(InputStream raw) throws IOException;

  /**
   * The decoding for a {@code Content-Encoding} header (absent means identity); empty if unknown.
   */
  static Optional<ContentDecoding> ofHeader(String header) {
    String name = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "", "identity", "none" -> Optional.of(IDENTITY);
      case "gzip", "x-gzip" -> Optional.of(GZIP);
      case "deflate", "zlib" -> Optional.of(DEFLATE);
      case "lz4" -> Optional.of(LZ4);
      case "zstd" -> Optional.of(ZSTD);
      case "snappy", "x-snappy-framed" -> Optional.of(SNAPPY);
      default -> Optional.empty();
    };
  }
}
