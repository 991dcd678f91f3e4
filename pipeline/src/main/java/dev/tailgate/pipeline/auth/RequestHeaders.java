package dev.tailgate.pipeline.auth;

import dev.tailgate.pipeline.ComponentSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The headers an exporter sends with a request: its {@code headers:}, and with {@code auth} those
 * its client extension sets for the tenant whose data the request carries. Worked out once per
 * tenant; tenants are as many as the receivers' credentials.
 */
public final class RequestHeaders {
  private final Map<String, String> configured;
  private final Optional<ClientAuthenticator> authenticator;
  private final ConcurrentMap<String, Map<String, String>> byTenant = new ConcurrentHashMap<>();

  private RequestHeaders(
      Map<String, String> configured, Optional<ClientAuthenticator> authenticator) {
    this.configured = Map.copyOf(configured);
    this.authenticator = authenticator;
  }

  /**
   * @param auth the exporter's {@code auth} block, or null
   * @throws IllegalStateException when {@code auth} names no client extension of the host (the
   *     planner refuses such a config, so this means the exporter was made outside the gateway)
   */
  public static RequestHeaders of(
      ComponentSettings settings, Map<String, String> configured, AuthConfig auth) {
    if (auth == null) {
      return new RequestHeaders(configured, Optional.empty());
    }
    ClientAuthenticator authenticator =
        settings
            .host()
            .clientAuthenticator(auth.id())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        settings.id()
                            + " auth: no enabled client extension \""
                            + auth.authenticator()
                            + "\""));
    return new RequestHeaders(configured, Optional.of(authenticator));
  }

  /** True when every request has the same headers: the exporter's own. */
  public boolean fixed() {
    return authenticator.isEmpty();
  }

  public Map<String, String> forTenant(String tenant) {
    if (authenticator.isEmpty()) {
      return configured;
    }
    return byTenant.computeIfAbsent(
        tenant, t -> Map.copyOf(authenticator.get().headers(configured, t)));
  }
}
