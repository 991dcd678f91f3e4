package dev.tailgate.processor.redaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks the parts of a text that match {@code blocked_values} or a {@code value_patterns} entry:
 * first the user regexes, compiled into one union (one scan however many there are), then the named
 * patterns, each pre-screened ({@link Prescreen}) so that most texts skip the regex engine.
 */
final class ValueMasker {
  private final List<TextPass> passes;
  private final Replacement replacement;
  private final NamedPatternPass named;

  ValueMasker(List<String> blockedValues, List<ValuePattern> named, Replacement replacement) {
    this.replacement = replacement;
    List<TextPass> built = new ArrayList<>();
    RegexUnion.of(blockedValues)
        .ifPresentOrElse(
            union -> built.add(new RegexPass(union)),
            // Applied one after the other, as the Collector does; correct, only slower.
            () -> blockedValues.forEach(regex -> built.add(new RegexPass(Pattern.compile(regex)))));
    NamedPatternPass namedPass = null;
    if (!named.isEmpty()) {
      // In declaration order (cards first), so a hash written by one pattern is never taken for a
      // card.
      namedPass =
          new NamedPatternPass(List.copyOf(new LinkedHashSet<>(named.stream().sorted().toList())));
      built.add(namedPass);
    }
    this.named = namedPass;
    this.passes = List.copyOf(built);
  }

  /**
   * The named patterns' {@link Prescreen} bits worth trying on a text of {@code length} characters
   * when there are no blocked_values; -1 when every text must be tried (a user regex may match
   * anything).
   */
  int prescreenBits(int length) {
    if (named == null) {
      return passes.isEmpty() ? 0 : -1;
    }
    return passes.size() > 1 ? -1 : named.wantedFor(length);
  }

  /** The text with blocked parts replaced; the same instance when nothing was blocked. */
  String mask(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String result = text;
    for (int i = 0; i < passes.size(); i++) {
      result = passes.get(i).apply(result, replacement);
    }
    return result;
  }
}
