package dev.tailgate.exporter.otlphttp;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.otlp.compression.GzipCompressor;
import dev.tailgate.exporter.otlp.compression.ZstdCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/**
 * The request body compressions of the otlphttp exporter ({@code compression}) as {@code
 * Content-Encoding}s, with the names and levels of the Collector's confighttp. Its "snappy" is the
 * block format, unlike the framed "snappy" of gRPC (see {@code SnappyFramedCodec}).
 */
enum HttpCompression {
  GZIP("gzip", "1 to 9, or -1 for zlib's default (6)") {
    @Override
    boolean accepts(int level) {
      return level == GzipCompressor.DEFAULT_LEVEL || (level >= 1 && level <= 9);
    }

    @Override
    byte[] compress(ByteString body, Integer level) {
      // The otlp exporter's gRPC codecs compress any stream; a body is just one message.
      return viaStream(
          body, new GzipCompressor(level == null ? GzipCompressor.DEFAULT_LEVEL : level));
    }
  },
  ZSTD("zstd", "1 to 22, or -7 to -1 for zstd's fast levels (default 3)") {
    @Override
    boolean accepts(int level) {
      return (level >= 1 && level <= 22) || (level >= -7 && level <= -1);
    }

    @Override
    byte[] compress(ByteString body, Integer level) {
      return viaStream(body, new ZstdCodec(level == null ? ZstdCodec.DEFAULT_LEVEL : level));
    }
  },
  SNAPPY("snappy", null) {
    @Override
    byte[] compress(ByteString body, Integer level) {
      try {
        return Snappy.compress(body.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot snappy-compress a request", e);
      }
    }
  },
  NONE("none", null) {
    @Override
    byte[] compress(ByteString body, Integer level) {
      return body.toByteArray();
    }
  };

  private final String configName;
  private final String levels;

  HttpCompression(String configName, String levels) {
    this.configName = configName;
    this.levels = levels;
  }

  /** The compression a {@code compression:} value names ("" is none, as in the Collector). */
  static Optional<HttpCompression> named(String name) {
    if (name.isEmpty()) {
      return Optional.of(NONE);
    }
    return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
  }

  static String choices() {
    return "gzip, zstd, snappy, none or \"\"";
  }

  /** The {@code Content-Encoding} of compressed bodies; empty for none. */
  Optional<String> contentEncoding() {
    return this == NONE ? Optional.empty() : Optional.of(configName);
  }

  /** Why {@code level} does not suit this compression; empty when it does. */
  Optional<String> levelProblem(int level) {
    if (levels == null) {
      return Optional.of("is not supported with compression " + configName + " (it has no levels)");
    }
    return accepts(level)
        ? Optional.empty()
        : Optional.of("must be " + levels + " with compression " + configName + ", not " + level);
  }

  /** The body to send for {@code body} at {@code level} (null: the codec's default). */
  abstract byte[] compress(ByteString body, Integer level);

  boolean accepts(int level) {
    return false;
  }

  private static byte[] viaStream(ByteString body, io.grpc.Compressor codec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.size() / 4));
    try (OutputStream compressing = codec.compress(out)) {
      // A rope (a batch of batches) goes in piece by piece, without flattening it first.
      body.writeTo(compressing);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress a request", e);
    }
    return out.toByteArray();
  }
}
