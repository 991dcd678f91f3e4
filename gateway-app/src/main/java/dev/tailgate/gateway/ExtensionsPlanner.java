package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.auth.AuthExtensionFactory;
import dev.tailgate.pipeline.auth.AuthExtensions;
import dev.tailgate.pipeline.auth.BasicAuthExtensionFactory;
import dev.tailgate.pipeline.auth.BearerTokenAuthExtensionFactory;
import dev.tailgate.pipeline.auth.ClientAuthenticator;
import dev.tailgate.pipeline.auth.HeadersSetterExtensionFactory;
import dev.tailgate.pipeline.auth.OidcAuthExtensionFactory;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;
import java.util.Map;

/**
 * {@code extensions:} and {@code service.extensions}, and every receiver's {@code
 * protocols.<p>.auth.authenticator} and exporter's {@code auth.authenticator}, which must name one
 * of the enabled extensions of the kind each needs.
 */
final class ExtensionsPlanner {
  private static final List<AuthExtensionFactory<?>> FACTORIES =
      List.of(
          new BearerTokenAuthExtensionFactory(),
          new BasicAuthExtensionFactory(),
          new OidcAuthExtensionFactory(),
          new HeadersSetterExtensionFactory());

  /** The protocols a receiver's config may carry an {@code auth} block under. */
  private static final List<String> PROTOCOLS = List.of("grpc", "http");

  private ExtensionsPlanner() {}

  static AuthExtensions plan(TailgateConfiguration config, ConfigErrors errors) {
    OperationalExtensions.warn(config.getExtensions(), errors);
    AuthExtensions extensions =
        AuthExtensions.plan(
            FACTORIES,
            config.getExtensions(),
            config.getService().getExtensions(),
            OperationalExtensions.EQUIVALENTS.keySet(),
            new ConfigBinder(),
            errors);
    for (Map.Entry<String, JsonNode> receiver : config.getReceivers().entrySet()) {
      JsonNode protocols =
          receiver.getValue() == null ? null : receiver.getValue().path("protocols");
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
              ServerAuthenticator.class,
              errors);
        }
      }
    }
    for (Map.Entry<String, JsonNode> exporter : config.getExporters().entrySet()) {
      JsonNode authenticator =
          exporter.getValue() == null
              ? null
              : exporter.getValue().path("auth").path("authenticator");
      if (authenticator != null && authenticator.isTextual() && !authenticator.asText().isBlank()) {
        extensions.checkAuthenticator(
            authenticator.asText(),
            "exporters." + exporter.getKey() + ".auth.authenticator",
            ClientAuthenticator.class,
            errors);
      }
    }
    return extensions;
  }
}
