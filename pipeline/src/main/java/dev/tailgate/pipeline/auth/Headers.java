package dev.tailgate.pipeline.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the one {@code Authorization} value a request may carry. */
final class Headers {
  private Headers() {}

  /** The credential after {@code scheme} and a space, the scheme matched case-insensitively. */
  static Optional<String> credential(Map<String, List<String>> headers, String scheme) {
    List<String> values = headers.get("authorization");
    // Two Authorization headers are ambiguous: refused rather than guessing which one counts.
    if (values == null || values.size() != 1) {
      return Optional.empty();
    }
    String value = values.get(0).trim();
    if (scheme.isEmpty()) {
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
    if (value.length() <= scheme.length() + 1
        || !value.regionMatches(true, 0, scheme, 0, scheme.length())
        || value.charAt(scheme.length()) != ' ') {
      return Optional.empty();
    }
    return Optional.of(value.substring(scheme.length() + 1).trim());
  }
}
