package dev.tailgate.processor.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether any of a list of regexes occurs somewhere in a text (a search, not a whole-text match, as
 * in the Collector): one scan with their union where possible.
 */
final class AnyRegex {
  private final List<Pattern> patterns;

  AnyRegex(List<String> regexes) {
    this.patterns =
        RegexUnion.of(regexes).map(List::of).orElseGet(() -> regexes.stream().map(Pattern::compile).toList());
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  boolean foundIn(String text) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
