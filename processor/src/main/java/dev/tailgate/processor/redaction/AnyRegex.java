package dev.tailgate.processor.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether any of a list of regexes occurs somewhere in a text (a search, not a whole-text match, as
 * in the Collector): one scan with their union where possible.
 */
final class AnyRegex {
  private final List<Pattern> patterns;
  private final boolean onOverflow;

  /**
   * {@code onOverflow}: the answer when the regex engine overflows the stack on a text (it recurses
   * per repetition of a group), chosen by the caller to fail closed: a blocked key pattern says
   * found (mask), allowed_values says not found (do not let the value through unmasked).
   */
  AnyRegex(List<String> regexes, boolean onOverflow) {
    this.onOverflow = onOverflow;
    this.patterns =
        RegexUnion.of(regexes)
            .map(List::of)
            .orElseGet(() -> regexes.stream().map(Pattern::compile).toList());
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  boolean foundIn(String text) {
    try {
      for (int i = 0; i < patterns.size(); i++) {
        if (patterns.get(i).matcher(text).find()) {
          return true;
        }
      }
      return false;
    } catch (StackOverflowError e) {
      return onOverflow;
    }
  }
}
