package dev.tailgate.exporter.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Elasticsearch's naming rules for indices and for the dataset and namespace parts of data stream
 * names (lowercase; none of {@code \ / * ? " < > | , # :} or space; dataset and namespace also
 * without {@code -} and at most 100 characters).
 */
final class IndexNames {
  private static final String FORBIDDEN = "\\/*?\"<>| ,#:";
  private static final int MAX_PART_LENGTH = 100;
  private static final int MAX_INDEX_BYTES = 255;

  private IndexNames() {}

  /** Why {@code name} cannot be an index name, if it cannot. */
  static Optional<String> problemWithIndexName(String name) {
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("\"" + name + "\" must be lowercase");
    }
    for (int i = 0; i < name.length(); i++) {
      if (FORBIDDEN.indexOf(name.charAt(i)) >= 0 || name.charAt(i) < 0x20) {
        return Optional.of("\"" + name + "\" must not contain \\ / * ? \" < > | , # : or spaces");
      }
    }
    if ("-_+".indexOf(name.charAt(0)) >= 0) {
      return Optional.of("\"" + name + "\" must not start with -, _ or +");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("\"" + name + "\" is not a valid index name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_INDEX_BYTES) {
      return Optional.of("must be at most " + MAX_INDEX_BYTES + " bytes");
    }
    return Optional.empty();
  }

  /**
   * {@code value} made fit for a data stream's dataset or namespace: lowercased, each forbidden
   * character, control character and {@code -} replaced by {@code _}, cut to 100 characters; {@code
   * fallback} when nothing is left.
   */
  static String dataStreamPart(String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(Math.min(lower.length(), MAX_PART_LENGTH));
    for (int i = 0; i < lower.length() && out.length() < MAX_PART_LENGTH; i++) {
      char c = lower.charAt(i);
      out.append(c == '-' || c < 0x20 || FORBIDDEN.indexOf(c) >= 0 ? '_' : c);
    }
    return out.toString();
  }
}
