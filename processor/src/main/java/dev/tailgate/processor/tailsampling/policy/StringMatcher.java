package dev.tailgate.processor.tailsampling.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether an attribute's text is one the string_attribute policy looks for. */
interface StringMatcher {
  boolean matches(String text);

  static StringMatcher exact(List<String> values) {
    Set<String> wanted = Set.copyOf(values);
    return wanted::contains;
  }

  /**
   * Matches when one of the expressions is found in the text (not anchored: Go's MatchString, which
   * the Collector uses, finds rather than matches; write ^...$ for whole values). Results are kept
   * for the {@code cacheSize} most recently seen texts, since attribute values repeat a lot.
   */
  static StringMatcher regex(List<String> expressions, int cacheSize) {
    List<Pattern> patterns = expressions.stream().map(Pattern::compile).toList();
    Map<String, Boolean> recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > cacheSize;
          }
        };
    return text ->
        recent.computeIfAbsent(text, t -> patterns.stream().anyMatch(p -> p.matcher(t).find()));
  }
}
