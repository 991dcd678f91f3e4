package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.auth.ServerAuthenticator;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.List;
import java.util.Optional;

/** Puts the OTLP gRPC services behind the protocol's authenticator, when it has one. */
final class GrpcAuthServices {
  private GrpcAuthServices() {}

  static List<ServerServiceDefinition> guard(
      List<ServerServiceDefinition> services, Optional<ServerAuthenticator> authenticator) {
    if (authenticator.isEmpty()) {
      return services;
    }
    GrpcAuthInterceptor interceptor = new GrpcAuthInterceptor(authenticator.get());
    return services.stream()
        .map(service -> ServerInterceptors.intercept(service, interceptor))
        .toList();
  }
}
