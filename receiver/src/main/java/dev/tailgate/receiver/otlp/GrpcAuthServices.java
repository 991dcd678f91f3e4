package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.auth.ServerAuthenticator;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the OTLP gRPC services behind the protocol's authenticator, when it has one, and behind the
 * interceptor that records each call's connection.
 */
final class GrpcAuthServices {
  private GrpcAuthServices() {}

  static List<ServerServiceDefinition> guard(
      List<ServerServiceDefinition> services, Optional<ServerAuthenticator> authenticator) {
    List<ServerInterceptor> interceptors = new ArrayList<>();
    authenticator.ifPresent(a -> interceptors.add(new GrpcAuthInterceptor(a)));
    // The last one given runs first: the origin is known to every later step.
    interceptors.add(new GrpcOriginInterceptor());
    return services.stream()
        .map(service -> ServerInterceptors.intercept(service, interceptors))
        .toList();
  }
}
