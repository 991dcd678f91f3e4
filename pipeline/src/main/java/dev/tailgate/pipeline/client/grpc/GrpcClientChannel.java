package dev.tailgate.pipeline.client.grpc;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import dev.tailgate.pipeline.tls.GrpcClientCredentials;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The channel of a gRPC client (the otlp and jaeger exporters, the tail-sampling peers): TLS as
 * {@code tls:} says, fixed headers on every call, the codecs the client offers. Building it neither
 * resolves nor connects: the channel does both on the first call, so the gateway starts even when
 * the backend's name does not resolve yet, and sends fail retryably (UNAVAILABLE) until it does.
 */
public final class GrpcClientChannel implements Component {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final ManagedChannel channel;

  /** {@code tls} must have {@code insecure} resolved; {@code headers} go with every call. */
  public GrpcClientChannel(
      String host, int port, ClientTlsConfig tls, Map<String, String> headers) {
    this(
        host,
        port,
        tls,
        headers,
        CompressorRegistry.getDefaultInstance(),
        DecompressorRegistry.getDefaultInstance());
  }

  /**
   * As above, offering the codecs of {@code compressors} and accepting those of {@code
   * decompressors}.
   */
  public GrpcClientChannel(
      String host,
      int port,
      ClientTlsConfig tls,
      Map<String, String> headers,
      CompressorRegistry compressors,
      DecompressorRegistry decompressors) {
    this.channel =
        NettyChannelBuilder.forAddress(host, port, GrpcClientCredentials.of(tls))
            .compressorRegistry(compressors)
            .decompressorRegistry(decompressors)
            .intercept(MetadataUtils.newAttachHeadersInterceptor(GrpcHeaders.metadataOf(headers)))
            .build();
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** Lets calls in flight finish for a few seconds, then cuts them off. */
  @Override
  public void shutdown() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
