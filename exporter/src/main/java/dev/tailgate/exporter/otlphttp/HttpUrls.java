package dev.tailgate.exporter.otlphttp;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.net.URI;
import java.net.URISyntaxException;

/** The URL rules of the otlphttp exporter's endpoint keys. */
final class HttpUrls {
  private HttpUrls() {}

  /**
   * Where {@code signal} goes under the base {@code endpoint}: its OTLP path appended, so a base
   * with a path prefix keeps it ({@code https://host/otlp} → {@code https://host/otlp/v1/traces}).
   */
  static URI signalUrl(String endpoint, Signal<?> signal) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return URI.create(base + signal.otlp().httpPath());
  }

  /** Adds a problem under {@code key} unless {@code value} is an http(s) URL with a host. */
  static void check(ConfigErrors errors, String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      errors.add(key, "\"" + value + "\" is not a URL: " + e.getReason());
      return;
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      errors.add(key, "\"" + value + "\" must be an http:// or https:// URL");
    } else if (uri.getHost() == null) {
      errors.add(key, "\"" + value + "\" has no host");
    }
  }
}
