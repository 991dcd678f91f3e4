package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.auth.AuthExtensionFactory;
import dev.tailgate.pipeline.auth.AuthExtensions;
import dev.tailgate.pipeline.auth.BasicAuthExtensionFactory;
import dev.tailgate.pipeline.auth.BearerTokenAuthExtensionFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;
import java.util.Map;

/**
 * {@code extensions:} and {@code service.extensions}, and every receiver's
 * {@code protocols.<p>.auth.authenticator}, which must name one of the enabled extensions.
 */
final class ExtensionsPlanner {
  private static final List<AuthExtensionFactory<?>> FACTORIES =
      List.of(new BearerTokenAuthExtensionFactory(), new BasicAuthExtensionFactory());

  /** The protocols a receiver's config may carry an {@code auth} block under. */
  private static final List<String> PROTOCOLS = List.of("grpc", "http");

  private ExtensionsPlanner() {}

  static AuthExtensions plan(TailgateConfiguration config, ConfigErrors errors) {
    AuthExtensions extensions =
        AuthExtensions.plan(
            FACTORIES,
            config.getExtensions(),
            config.getService().getExtensions(),
            new ConfigBinder(),
            errors);
    for (Map.Entry<String, JsonNode> receiver : config.getReceivers().entrySet()) {
      JsonNode protocols = receiver.getValue() == null ? null : receiver.getValue().path("protocols");
      if (protocols == null) {
        continue;
      }
      for (String protocol : PROTOCOLS) {
        JsonNode authenticator = protocols.path(protocol).path("auth").path("authenticator");
        // Missing or not text: the receiver's own config binding reports that, with its path.
        if (authenticator.isTextual() && !authenticator.asText().isBlank()) {
          extensions.checkAuthenticator(
              authenticator.asText(),
              "receivers." + receiver.getKey() + ".protocols." + protocol + ".auth.authenticator",
              errors);
        }
      }
    }
    return extensions;
  }
}
