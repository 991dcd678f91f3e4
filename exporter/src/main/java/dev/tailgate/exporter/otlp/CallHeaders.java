package dev.tailgate.exporter.otlp;

import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.client.grpc.GrpcHeaders;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The channel a gRPC exporter calls for data of one tenant: with fixed headers the channel itself
 * (it attaches them, see {@link OtlpExporterConfig#channelHeaders}), otherwise one intercepted
 * channel per tenant, attaching that tenant's headers, made once.
 */
final class CallHeaders {
  private final Channel channel;
  private final RequestHeaders headers;
  private final ConcurrentMap<String, Channel> byTenant = new ConcurrentHashMap<>();

  /**
   * {@code channel} attaches the headers itself only when they are {@link RequestHeaders#fixed}.
   */
  CallHeaders(Channel channel, RequestHeaders headers) {
    this.channel = channel;
    this.headers = headers;
  }

  Channel channelFor(String tenant) {
    if (headers.fixed()) {
      return channel;
    }
    return byTenant.computeIfAbsent(
        tenant,
        t ->
            ClientInterceptors.intercept(
                channel,
                MetadataUtils.newAttachHeadersInterceptor(
                    GrpcHeaders.metadataOf(headers.forTenant(t)))));
  }
}
