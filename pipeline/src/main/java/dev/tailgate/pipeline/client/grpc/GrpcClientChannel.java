package dev.tailgate.pipeline.client.grpc;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import dev.tailgate.pipeline.tls.GrpcClientCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
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
    this(host, port, tls, headers, compressors, decompressors, GrpcChannelOptions.DEFAULT);
  }

  /** As above, with the configgrpc client keys of {@code options}. */
  public GrpcClientChannel(
      String host,
      int port,
      ClientTlsConfig tls,
      Map<String, String> headers,
      CompressorRegistry compressors,
      DecompressorRegistry decompressors,
      GrpcChannelOptions options) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(host, port, GrpcClientCredentials.of(tls))
            .compressorRegistry(compressors)
            .decompressorRegistry(decompressors)
            .defaultLoadBalancingPolicy(options.balancerName())
            .intercept(MetadataUtils.newAttachHeadersInterceptor(GrpcHeaders.metadataOf(headers)));
    Duration keepaliveTime = options.keepaliveTime();
    if (keepaliveTime != null) {
      builder
          .keepAliveTime(keepaliveTime.toNanos(), TimeUnit.NANOSECONDS)
          .keepAliveTimeout(options.keepalive().timeout().toNanos(), TimeUnit.NANOSECONDS)
          .keepAliveWithoutCalls(options.keepalive().permitWithoutStream());
    }
    // server_name_override and authority both name the server to TLS (SNI, host name check) and
    // in the :authority header; grpc-java has one setting for the two.
    String authority = options.authority() != null ? options.authority() : tls.serverNameOverride();
    if (authority != null && !authority.isEmpty()) {
      builder.overrideAuthority(authority);
    }
    if (options.userAgent() != null && !options.userAgent().isEmpty()) {
      builder.userAgent(options.userAgent());
    }
    if (options.waitForReady()) {
      builder.intercept(new WaitForReady());
    }
    this.channel = builder.build();
  }

  /**
   * {@code wait_for_ready}: a call waits (within its deadline) for the channel to connect instead
   * of failing at once while the backend is unreachable.
   */
  private static final class WaitForReady implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
      return next.newCall(method, callOptions.withWaitForReady());
    }
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
