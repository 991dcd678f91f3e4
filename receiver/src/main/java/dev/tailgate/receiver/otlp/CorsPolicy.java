package dev.tailgate.receiver.otlp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers CORS for OTLP/HTTP the way the Collector (rs/cors behind confighttp) does: a preflight
 * always gets 204, with the allow headers only when the origin, method and headers are allowed, so
 * a refused browser sees a CORS failure and learns nothing else. Without {@code cors} configured no
 * origin is allowed and no CORS header is ever written.
 */
final class CorsPolicy {
  /** What an OTLP SDK in a browser sends, allowed whatever the config says. */
  private static final List<String> ALWAYS_ALLOWED_HEADERS =
      List.of(
          "content-type",
          "content-encoding",
          "x-requested-with",
          "accept",
          "accept-language",
          "content-language");

  private final List<OriginPattern> origins;
  private final Set<String> allowedHeaders;
  private final boolean anyHeader;
  private final Integer maxAge;
  private final List<String> exposedHeaders;

  private CorsPolicy(CorsConfig config) {
    this.origins = config.allowedOrigins().stream().map(OriginPattern::of).toList();
    this.allowedHeaders = new TreeSet<>(ALWAYS_ALLOWED_HEADERS);
    config.allowedHeaders().forEach(h -> allowedHeaders.add(h.trim().toLowerCase(Locale.ROOT)));
    this.anyHeader = allowedHeaders.contains("*");
    this.maxAge = config.maxAge();
    this.exposedHeaders = config.exposedHeaders();
  }

  static CorsPolicy of(CorsConfig config) {
    return new CorsPolicy(config == null ? new CorsConfig(null, null, null) : config);
  }

  boolean isPreflight(HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod())
        && request.getHeader("Origin") != null
        && request.getHeader("Access-Control-Request-Method") != null;
  }

  /** Writes the preflight's headers; the caller answers 204 either way. */
  void preflight(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Vary", "Origin");
    response.addHeader("Vary", "Access-Control-Request-Method");
    response.addHeader("Vary", "Access-Control-Request-Headers");
    String origin = request.getHeader("Origin");
    if (!allows(origin) || !"POST".equals(request.getHeader("Access-Control-Request-Method"))) {
      return;
    }
    List<String> requested = requestedHeaders(request.getHeader("Access-Control-Request-Headers"));
    if (!anyHeader && !allowedHeaders.containsAll(requested)) {
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Methods", "POST");
    if (!requested.isEmpty()) {
      // Echoing what was asked for (all of it allowed) also covers the * case, which browsers
      // would not honour for Authorization.
      response.setHeader("Access-Control-Allow-Headers", String.join(", ", requested));
    }
    if (maxAge != null && maxAge > 0) {
      response.setHeader("Access-Control-Max-Age", Integer.toString(maxAge));
    }
  }

  /** On an actual (non-preflight) request: lets the browser hand the answer to the page. */
  void actual(HttpServletRequest request, HttpServletResponse response) {
    String origin = request.getHeader("Origin");
    if (origin == null || origins.isEmpty()) {
      return;
    }
    response.addHeader("Vary", "Origin");
    if (allows(origin)) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      if (!exposedHeaders.isEmpty()) {
        response.setHeader("Access-Control-Expose-Headers", String.join(", ", exposedHeaders));
      }
    }
  }

  boolean allows(String origin) {
    if (origin == null) {
      return false;
    }
    String lower = origin.toLowerCase(Locale.ROOT);
    return origins.stream().anyMatch(pattern -> pattern.matches(lower));
  }

  private static List<String> requestedHeaders(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    Arrays.stream(header.split(","))
        .map(name -> name.trim().toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty())
        .forEach(names::add);
    return names;
  }

  /** An allowed origin: exact, {@code *}, or a prefix and suffix around one {@code *}. */
  private record OriginPattern(String prefix, String suffix, boolean wildcard) {
    static OriginPattern of(String pattern) {
      String lower = pattern.trim().toLowerCase(Locale.ROOT);
      int star = lower.indexOf('*');
      return star < 0
          ? new OriginPattern(lower, "", false)
          : new OriginPattern(lower.substring(0, star), lower.substring(star + 1), true);
    }

    boolean matches(String origin) {
      if (!wildcard) {
        return origin.equals(prefix);
      }
      return origin.length() >= prefix.length() + suffix.length()
          && origin.startsWith(prefix)
          && origin.endsWith(suffix);
    }
  }
}
