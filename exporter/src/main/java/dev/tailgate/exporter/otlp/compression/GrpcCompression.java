package dev.tailgate.exporter.otlp.compression;

import io.grpc.Compressor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The request compressions of a gRPC exporter ({@code compression}) and their levels. */
public enum GrpcCompression {
  GZIP(GzipCompressor.NAME, "1 to 9, or -1 for zlib's default (6)") {
    @Override
    boolean accepts(int level) {
      return level == GzipCompressor.DEFAULT_LEVEL || (level >= 1 && level <= 9);
    }

    @Override
    Optional<Compressor> compressor(Integer level) {
      return Optional.of(new GzipCompressor(level == null ? GzipCompressor.DEFAULT_LEVEL : level));
    }
  },
  ZSTD(ZstdCodec.NAME, "1 to 22, or -7 to -1 for zstd's fast levels (default 3)") {
    @Override
    boolean accepts(int level) {
      return (level >= 1 && level <= 22) || (level >= -7 && level <= -1);
    }

    @Override
    Optional<Compressor> compressor(Integer level) {
      return Optional.of(new ZstdCodec(level == null ? ZstdCodec.DEFAULT_LEVEL : level));
    }
  },
  SNAPPY(SnappyFramedCodec.NAME, null) {
    @Override
    Optional<Compressor> compressor(Integer level) {
      return Optional.of(new SnappyFramedCodec());
    }
  },
  NONE("none", null) {
    @Override
    Optional<Compressor> compressor(Integer level) {
      return Optional.empty();
    }
  };

  private final String configName;
  private final String levels;

  GrpcCompression(String configName, String levels) {
    this.configName = configName;
    this.levels = levels;
  }

  /** The compression a {@code compression:} value names; empty when it names none. */
  public static Optional<GrpcCompression> named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.configName.equals(wanted)).findFirst();
  }

  /** What {@code compression:} may say, for messages. */
  public static String choices() {
    return "gzip, zstd, snappy or none";
  }

  /** Why {@code level} does not suit this compression; empty when it does. */
  public Optional<String> levelProblem(int level) {
    if (levels == null) {
      return Optional.of("is not supported with compression " + configName + " (it has no levels)");
    }
    return accepts(level)
        ? Optional.empty()
        : Optional.of("must be " + levels + " with compression " + configName + ", not " + level);
  }

  /** The codec for requests at {@code level} (null: the default level); empty for none. */
  abstract Optional<Compressor> compressor(Integer level);

  boolean accepts(int level) {
    return false;
  }
}
