package dev.tailgate.exporter.otlp.compression;

import io.grpc.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gRPC message encoding "gzip" at a chosen deflate level. gRPC's own gzip codec always compresses
 * at zlib's default level, and level 1 costs a fraction of it for a slightly larger message.
 * Requests only: the channel keeps gRPC's gzip decompressor for responses.
 */
public final class GzipCompressor implements Compressor {
  public static final String NAME = "gzip";

  /** zlib's default (-1), level 6. */
  public static final int DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;

  private final int level;

  public GzipCompressor(int level) {
    this.level = level;
  }

  @Override
  public String getMessageEncoding() {
    return NAME;
  }

  @Override
  public OutputStream compress(OutputStream os) throws IOException {
    return new LevelledGzipStream(os, level);
  }

  private static final class LevelledGzipStream extends GZIPOutputStream {
    LevelledGzipStream(OutputStream out, int level) throws IOException {
      // As gRPC's own gzip codec, so the default level costs what it did before.
      super(out);
      // The header written by the constructor does not depend on the level; no data went in yet.
      def.setLevel(level);
    }
  }
}
