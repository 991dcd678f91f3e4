package dev.tailgate.pipeline.tls;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns {@code tls:} into gRPC channel credentials, reading the PEM files it names. */
public final class GrpcClientCredentials {
  private GrpcClientCredentials() {}

  public static ChannelCredentials of(ClientTlsConfig tls) {
    if (tls.plaintext()) {
      return InsecureChannelCredentials.create();
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
}
