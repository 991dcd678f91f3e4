package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;

/**
 * {@code protocols.http.cors}, as in the Collector's confighttp: the browser origins allowed to
 * send OTLP/HTTP (exact, {@code *}, or with one {@code *} wildcard such as {@code
 * https://*.example.com}), request headers allowed beyond the ones OTLP needs, response headers a
 * page may read, and how long a browser may cache a preflight.
 */
public record CorsConfig(
    @JsonProperty("allowed_origins") List<String> allowedOrigins,
    @JsonProperty("allowed_headers") List<String> allowedHeaders,
    @JsonProperty("max_age") Integer maxAge,
    @JsonProperty("exposed_headers") List<String> exposedHeaders) {

  public CorsConfig {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
    exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
  }

  public CorsConfig(List<String> allowedOrigins, List<String> allowedHeaders, Integer maxAge) {
    this(allowedOrigins, allowedHeaders, maxAge, null);
  }

  void validate(ConfigErrors errors) {
    for (int i = 0; i < allowedOrigins.size(); i++) {
      String origin = allowedOrigins.get(i);
      String key = "allowed_origins[" + i + "]";
      if (origin == null || origin.isBlank()) {
        errors.add(key, "must not be empty");
      } else if (origin.indexOf('*') != origin.lastIndexOf('*')) {
        errors.add(key, "may hold at most one * wildcard, got \"" + origin + "\"");
      }
    }
    for (int i = 0; i < allowedHeaders.size(); i++) {
      String header = allowedHeaders.get(i);
      errors.check(
          header != null && !header.isBlank(), "allowed_headers[" + i + "]", "must not be empty");
    }
    for (int i = 0; i < exposedHeaders.size(); i++) {
      String header = exposedHeaders.get(i);
      errors.check(
          header != null && !header.isBlank(), "exposed_headers[" + i + "]", "must not be empty");
    }
    errors.check(maxAge == null || maxAge >= 0, "max_age", "must be >= 0 seconds");
  }
}
