package dev.tailgate.exporter.otlp.compression;

import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import java.util.Optional;

/**
 * The codecs of one exporter's channel: the compressor its requests go out with, and the
 * decompressors for the answers. The registries are this channel's own; gRPC's default ones are
 * never changed, so two exporters with different levels do not meet.
 */
public final class ChannelCompression {
  private final Optional<Compressor> compressor;
  private final CompressorRegistry compressors;
  private final DecompressorRegistry decompressors;

  private ChannelCompression(Optional<Compressor> compressor) {
    this.compressor = compressor;
    this.compressors = CompressorRegistry.newEmptyInstance();
    compressor.ifPresent(compressors::register);
    // A grpc-go server such as the Collector answers in the request's encoding, so every encoding
    // this exporter can send must also be readable, and is advertised in grpc-accept-encoding.
    this.decompressors =
        DecompressorRegistry.getDefaultInstance()
            .with(new ZstdCodec(ZstdCodec.DEFAULT_LEVEL), true)
            .with(new SnappyFramedCodec(), true);
  }

  /** Requests compressed with {@code compression} at {@code level} (null: its default level). */
  public static ChannelCompression of(GrpcCompression compression, Integer level) {
    return new ChannelCompression(compression.compressor(level));
  }

  /**
   * The {@code grpc-encoding} of requests, for {@code CallOptions.withCompression}; empty:
   * uncompressed.
   */
  public Optional<String> encoding() {
    return compressor.map(Compressor::getMessageEncoding);
  }

  public CompressorRegistry compressors() {
    return compressors;
  }

  public DecompressorRegistry decompressors() {
    return decompressors;
  }
}
