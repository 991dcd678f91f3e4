package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.auth.Authentication;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authenticates each OTLP/gRPC call from its metadata before the message is read; a refusal is
 * UNAUTHENTICATED with a message that says nothing of what was wrong.
 */
final class GrpcAuthInterceptor implements ServerInterceptor {
  /** The authenticated identity of the call, read by the export method. */
  static final Context.Key<String> TENANT = Context.keyWithDefault("tailgate-tenant", "");

  private final ServerAuthenticator authenticator;

  GrpcAuthInterceptor(ServerAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata metadata, ServerCallHandler<Q, A> next) {
    Authentication result = authenticator.authenticate(headersOf(metadata));
    if (result instanceof Authentication.Authenticated authenticated) {
      Context context = Context.current().withValue(TENANT, authenticated.identity());
      return Contexts.interceptCall(context, call, metadata, next);
    }
    call.close(Status.UNAUTHENTICATED.withDescription(HttpAuth.REFUSED_MESSAGE), new Metadata());
    return new ServerCall.Listener<>() {
      // A refused call requests no message, so none is read into the memory budget; should one
      // arrive all the same, its lease goes back rather than leaking.
      @Override
      public void onMessage(Q message) {
        if (message instanceof Received received && received.lease() != null) {
          received.lease().release();
        }
      }
    };
  }

  /** gRPC metadata keys are lower case already; binary ones carry no credentials here. */
  private static Map<String, List<String>> headersOf(Metadata metadata) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String key : metadata.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      Iterable<String> values =
          metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
      List<String> list = new ArrayList<>();
      if (values != null) {
        values.forEach(list::add);
      }
      headers.put(key, list);
    }
    return headers;
  }
}
