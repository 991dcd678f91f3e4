package dev.tailgate.processor.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.processor.filter.LegacyMatch.Attribute;
import dev.tailgate.processor.filter.LegacyMatch.Library;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The pieces of OTTL text that {@link LegacyMatch} puts together: literals, strict or regexp
 * comparisons, any-of and all-of lists, and the Collector's spellings of span kinds and severities.
 */
final class LegacyTerms {
  private LegacyTerms() {}

  static String library(Library library, Matcher match) {
    String name = match.text("instrumentation_scope.name", library.name());
    return library.version() == null
        ? name
        : "("
            + name
            + " and "
            + match.text("instrumentation_scope.version", library.version())
            + ")";
  }

  static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }

  static <V> void anyOf(List<String> all, List<V> values, Function<V, String> each) {
    if (values != null && !values.isEmpty()) {
      all.add(orOf(values, each));
    }
  }

  static <V> String orOf(List<V> values, Function<V, String> each) {
    List<String> any = new ArrayList<>();
    values.forEach(v -> any.add(each.apply(v)));
    return any.size() == 1 ? any.get(0) : "(" + String.join(" or ", any) + ")";
  }

  static void allOf(
      List<String> all,
      List<Attribute> attributes,
      String key,
      String path,
      Matcher match,
      ConfigErrors errors) {
    if (attributes == null) {
      return;
    }
    for (int i = 0; i < attributes.size(); i++) {
      Attribute attribute = attributes.get(i);
      String at = key + "[" + i + "]";
      if (attribute == null || attribute.key() == null || attribute.key().isEmpty()) {
        errors.add(at + ".key", "is required");
        continue;
      }
      String target = path + "[" + literal(attribute.key()) + "]";
      JsonNode value = attribute.value();
      if (value == null || value.isNull()) {
        all.add(target + " != nil");
      } else if (value.isTextual()) {
        all.add(match.text(target, value.textValue()));
      } else if (match.regexp) {
        errors.add(at + ".value", "must be a string for match_type regexp");
      } else if (value.isNumber() || value.isBoolean()) {
        all.add(target + " == " + value.asText());
      } else {
        errors.add(at + ".value", "must be a string, number or boolean");
      }
    }
  }

  /** Span kinds as the Collector's config writes them (SPAN_KIND_CLIENT or Client). */
  static String kindName(String kind) {
    String bare = kind.toUpperCase(Locale.ROOT).replace("SPAN_KIND_", "");
    return bare.isEmpty() ? kind : bare.charAt(0) + bare.substring(1).toLowerCase(Locale.ROOT);
  }

  private static final List<String> SEVERITIES =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

  static Long severity(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.matches("[0-9]{1,2}")) {
      long n = Long.parseLong(upper);
      return n >= 1 && n <= 24 ? n : null;
    }
    for (int s = 0; s < SEVERITIES.size(); s++) {
      String name = SEVERITIES.get(s);
      if (upper.equals(name)) {
        return 4L * s + 1;
      }
      for (int n = 2; n <= 4; n++) {
        if (upper.equals(name + n)) {
          return 4L * s + n;
        }
      }
    }
    return null;
  }

  /** An OTTL string literal of {@code text}. */
  static String literal(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** strict or regexp, as match_type says. */
  static final class Matcher {
    final boolean regexp;

    private Matcher(boolean regexp) {
      this.regexp = regexp;
    }

    static Matcher of(String matchType, ConfigErrors errors) {
      if ("strict".equals(matchType)) {
        return new Matcher(false);
      }
      if ("regexp".equals(matchType)) {
        return new Matcher(true);
      }
      errors.add(
          "match_type",
          matchType == null
              ? "is required (strict or regexp)"
              : "must be strict or regexp, not \"" + matchType + "\"");
      return null;
    }

    String text(String path, String value) {
      return regexp
          ? "IsMatch(" + path + ", " + literal(value) + ")"
          : path + " == " + literal(value);
    }
  }
}
