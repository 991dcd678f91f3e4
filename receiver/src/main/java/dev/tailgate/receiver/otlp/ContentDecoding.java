package dev.tailgate.receiver.otlp;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

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
      return new ZstdInputStream(raw);
    }
  };

  abstract InputStream decode(InputStream raw) throws IOException;

  /**
   * The decoding for a {@code Content-Encoding} header (absent means identity); empty if unknown.
   */
  static Optional<ContentDecoding> ofHeader(String header) {
    String name = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "", "identity", "none" -> Optional.of(IDENTITY);
      case "gzip", "x-gzip" -> Optional.of(GZIP);
      case "deflate" -> Optional.of(DEFLATE);
      case "zstd" -> Optional.of(ZSTD);
      default -> Optional.empty();
    };
  }
}
