package dev.tailgate.pipeline.tls;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;

/** Turns {@code tls:} into gRPC channel credentials, reading the PEM files it names. */
public final class GrpcClientCredentials {
  private GrpcClientCredentials() {}

  public static ChannelCredentials of(ClientTlsConfig tls) {
    if (tls.plaintext()) {
      return InsecureChannelCredentials.create();
    }
    if (!tls.grpcProtocols().isEmpty()) {
      return withProtocols(tls);
    }
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      if (tls.insecureSkipVerify()) {
        builder.trustManager(new TrustAllCertificates());
      } else if (tls.caFile() != null) {
        builder.trustManager(new File(tls.caFile()));
      }
      if (tls.certFile() != null) {
        builder.keyManager(new File(tls.certFile()), new File(tls.keyFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "tls: cannot read the certificate files: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tls: invalid certificate or key file: " + e.getMessage(), e);
    }
    return builder.build();
  }

  /**
   * min_version / max_version narrowing what gRPC offers (e.g. TLS 1.3 only): the generic TLS
   * credentials have no protocol setting, Netty's SSL context has.
   */
  private static ChannelCredentials withProtocols(ClientTlsConfig tls) {
    SslContextBuilder builder = GrpcSslContexts.forClient().protocols(tls.grpcProtocols());
    if (tls.insecureSkipVerify()) {
      builder.trustManager(new TrustAllCertificates());
    } else if (tls.caFile() != null) {
      builder.trustManager(new File(tls.caFile()));
    }
    if (tls.certFile() != null) {
      builder.keyManager(new File(tls.certFile()), new File(tls.keyFile()));
    }
    try {
      return NettySslContextChannelCredentials.create(builder.build());
    } catch (SSLException e) {
      throw new IllegalArgumentException("tls: cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
