package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code compression_algorithms}: the {@code Content-Encoding}s an OTLP/HTTP receiver accepts, by
 * the Collector's names ("" for none). A request in any other encoding is refused with 400.
 */
final class HttpCompressions {
  /** The Collector's confighttp default: every encoding it can read. */
  static final List<String> COLLECTOR_DEFAULT =
      List.of("", "gzip", "zstd", "zlib", "snappy", "deflate", "lz4", "x-snappy-framed");

  private static final Set<String> KNOWN = Set.copyOf(COLLECTOR_DEFAULT);

  private HttpCompressions() {}

  static void validate(List<String> names, ConfigErrors errors) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      errors.check(
          name != null && KNOWN.contains(name),
          "[" + i + "]",
          "\""
              + name
              + "\" is not one of "
              + String.join(", ", COLLECTOR_DEFAULT)
              + " (\"\": none)");
    }
  }

  /** Whether a request with this {@code Content-Encoding} header is accepted by {@code names}. */
  static boolean allows(List<String> names, String header) {
    String name = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
    String canonical =
        switch (name) {
          case "identity", "none" -> "";
          case "x-gzip" -> "gzip";
          default -> name;
        };
    return names.contains(canonical);
  }

  /** An HTTP header name: RFC 9110 token characters only. */
  static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
