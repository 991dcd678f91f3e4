package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.tls.ServerTls;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** The Netty TLS context of the gRPC server, from the same {@link ServerTls} that Jetty serves. */
final class GrpcTls {
  private GrpcTls() {}

  static SslContext serverContext(ServerTls tls) {
    // The JDK provider, not the bundled OpenSSL: it calls the key manager on every handshake, which
    // is what makes a reloaded certificate reach new connections.
    SslContextBuilder builder =
        GrpcSslContexts.configure(SslContextBuilder.forServer(tls.keyManager()), SslProvider.JDK)
            .protocols(tls.protocols());
    tls.clientTrust()
        .ifPresent(trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for OTLP/gRPC: " + e.getMessage(), e);
    }
  }
}
