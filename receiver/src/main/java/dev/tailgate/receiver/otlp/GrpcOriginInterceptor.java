package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.Origin;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Puts the connection a call came on (remote address, and the client certificate the TLS handshake
 * verified) into the call's context, where the export method reads it for the batch.
 */
final class GrpcOriginInterceptor implements ServerInterceptor {
  /** The connection of the call; {@link Origin#NONE} outside an intercepted call. */
  static final Context.Key<Origin> ORIGIN = Context.keyWithDefault("tailgate-origin", Origin.NONE);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata metadata, ServerCallHandler<Q, A> next) {
    Attributes transport = call.getAttributes();
    Origin origin =
        Origin.of(
            transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
            clientChain(transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION)));
    return Contexts.interceptCall(
        Context.current().withValue(ORIGIN, origin), call, metadata, next);
  }

  /** Only a certificate the handshake verified against client_ca_file is in the session. */
  private static Certificate[] clientChain(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      return session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
