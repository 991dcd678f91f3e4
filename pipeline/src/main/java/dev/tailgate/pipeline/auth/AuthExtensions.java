package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.ConfigException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * config.yml's {@code extensions:} and {@code service.extensions}: binds each configured extension
 * by its type's factory, and knows which ones are enabled, so a receiver's {@code
 * auth.authenticator} can be checked against them before anything starts.
 */
public final class AuthExtensions {
  private final Map<String, AuthExtensionFactory<?>> factories = new LinkedHashMap<>();
  private final Map<ComponentId, Bound<?>> enabled = new LinkedHashMap<>();

  private record Bound<C>(AuthExtensionFactory<C> factory, C config) {
    AuthExtension create(Clock clock) {
      return factory.create(config, clock);
    }
  }

  private AuthExtensions(List<AuthExtensionFactory<?>> factories) {
    factories.forEach(factory -> this.factories.put(factory.type(), factory));
  }

  /**
   * Binds {@code configured} (the {@code extensions:} section) and records those named in {@code
   * enabledIds} ({@code service.extensions}); every problem goes to {@code errors} with its path.
   */
  public static AuthExtensions plan(
      List<AuthExtensionFactory<?>> factories,
      Map<String, JsonNode> configured,
      List<String> enabledIds,
      ConfigBinder binder,
      ConfigErrors errors) {
    return plan(factories, configured, enabledIds, Set.of(), binder, errors);
  }

  /**
   * As above, with extension types that the caller handles itself ({@code otherTypes}, e.g. the
   * Collector's health_check): such an extension is neither bound nor refused here, and may be
   * listed in {@code service.extensions}.
   */
  public static AuthExtensions plan(
      List<AuthExtensionFactory<?>> factories,
      Map<String, JsonNode> configured,
      List<String> enabledIds,
      Set<String> otherTypes,
      ConfigBinder binder,
      ConfigErrors errors) {
    AuthExtensions extensions = new AuthExtensions(factories);
    Map<ComponentId, Bound<?>> bound = new LinkedHashMap<>();
    configured.forEach(
        (key, node) -> {
          if (!otherTypes.contains(typeOf(key))) {
            extensions
                .bind(key, node, binder, errors)
                .ifPresent(b -> bound.put(ComponentId.parse(key), b));
          }
        });
    for (int i = 0; i < enabledIds.size(); i++) {
      String id = enabledIds.get(i);
      String path = "service.extensions[" + i + "]";
      ComponentId parsed;
      try {
        parsed = ComponentId.parse(id);
      } catch (IllegalArgumentException e) {
        errors.add(path, e.getMessage());
        continue;
      }
      if (!configured.containsKey(id)) {
        errors.add(path, "extension \"" + id + "\" is not configured under extensions");
      } else if (bound.containsKey(parsed)) {
        extensions.enabled.put(parsed, bound.get(parsed));
      }
    }
    return extensions;
  }

  /**
   * Problems with an authenticator reference at {@code path}: a receiver's auth key names a {@link
   * ServerAuthenticator}, an exporter's a {@link ClientAuthenticator}.
   */
  public void checkAuthenticator(
      String id, String path, Class<? extends AuthExtension> kind, ConfigErrors errors) {
    ComponentId parsed;
    try {
      parsed = ComponentId.parse(id);
    } catch (IllegalArgumentException e) {
      errors.add(path, e.getMessage());
      return;
    }
    if (!enabled.containsKey(parsed)) {
      errors.add(
          path,
          "authenticator \""
              + id
              + "\" is not an extension configured under extensions and"
              + " listed in service.extensions");
    } else if (!kind.isAssignableFrom(enabled.get(parsed).factory().kind())) {
      errors.add(
          path,
          "extension \""
              + id
              + "\" cannot serve here: "
              + (kind == ServerAuthenticator.class
                  ? "a receiver needs a server authenticator (bearertokenauth, basicauth, oidcauth)"
                  : "an exporter needs a client extension (headers_setter)"));
    }
  }

  public Set<ComponentId> enabled() {
    return Set.copyOf(enabled.keySet());
  }

  /**
   * Creates every enabled authenticator.
   *
   * @throws ConfigException naming each extension whose files cannot be read or used
   */
  public Map<ComponentId, AuthExtension> create(Clock clock) {
    ConfigErrors errors = new ConfigErrors();
    Map<ComponentId, AuthExtension> created = new LinkedHashMap<>();
    enabled.forEach(
        (id, bound) -> {
          try {
            created.put(id, bound.create(clock));
          } catch (ConfigException e) {
            e.problems().forEach(p -> errors.at("extensions." + id).add("", p));
          } catch (UncheckedIOException e) {
            errors.at("extensions." + id).add("", e.getMessage());
          }
        });
    errors.throwIfAny();
    return Map.copyOf(created);
  }

  private static String typeOf(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }

  private Optional<Bound<?>> bind(
      String key, JsonNode node, ConfigBinder binder, ConfigErrors errors) {
    String path = "extensions." + key;
    ComponentId id;
    try {
      id = ComponentId.parse(key);
    } catch (IllegalArgumentException e) {
      errors.add(path, e.getMessage());
      return Optional.empty();
    }
    AuthExtensionFactory<?> factory = factories.get(id.type());
    if (factory == null) {
      errors.add(
          path,
          "unknown extension type \""
              + id.type()
              + "\" (known: "
              + String.join(", ", factories.keySet())
              + ")");
      return Optional.empty();
    }
    return bindWith(factory, path, node, binder, errors);
  }

  private static <C> Optional<Bound<?>> bindWith(
      AuthExtensionFactory<C> factory,
      String path,
      JsonNode node,
      ConfigBinder binder,
      ConfigErrors errors) {
    return binder
        .bind(node, factory.configType(), path, errors)
        .map(config -> new Bound<>(factory, config));
  }
}
