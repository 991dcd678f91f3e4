package dev.tailgate.exporter.otlp;

import dev.tailgate.exporter.otlp.compression.ChannelCompression;
import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import dev.tailgate.pipeline.tls.GrpcClientCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC exporter's channel to its backend (otlp, jaeger). Building it neither resolves nor
 * connects: the channel does both on the first call, so the gateway starts even when the backend's
 * name does not resolve yet, and sends fail retryably (UNAVAILABLE) until it does.
 */
public final class OtlpChannel implements Component {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final ManagedChannel channel;

  OtlpChannel(OtlpExporterConfig config, ChannelCompression compression) {
    this(
        builderFor(config.target(), config.tls())
            .compressorRegistry(compression.compressors())
            .decompressorRegistry(compression.decompressors()),
        attachesHeaders(config.auth()) ? config.headers() : Map.of());
  }

  /**
   * Whether the channel itself attaches an exporter's {@code headers:}: without {@code auth}. With
   * it, {@link CallHeaders} attaches them per tenant, as the client extension changes them.
   */
  static boolean attachesHeaders(AuthConfig auth) {
    return auth == null;
  }

  /** {@code tls} must have {@code insecure} resolved; {@code headers} go with every call. */
  public OtlpChannel(OtlpTarget target, ClientTlsConfig tls, Map<String, String> headers) {
    this(builderFor(target, tls), headers);
  }

  private OtlpChannel(NettyChannelBuilder builder, Map<String, String> headers) {
    this.channel = builder.intercept(MetadataUtils.newAttachHeadersInterceptor(CallHeaders.metadataOf(headers))).build();
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

  private static NettyChannelBuilder builderFor(OtlpTarget target, ClientTlsConfig tls) {
    return NettyChannelBuilder.forAddress(target.host(), target.port(), GrpcClientCredentials.of(tls));
  }

}
