package dev.tailgate.processor.redaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Masks the parts of a text that match {@code blocked_values} or a {@code value_patterns} entry.
 * All user regexes are compiled into one alternation and all named patterns into another, so a
 * text costs at most two regex scans; the named one is skipped unless the text has the
 * {@link TextTraits} some named pattern needs.
 */
final class ValueMasker {
  private static final String CARD_GROUP = "card";

  private final List<MaskPass> passes;
  private final Replacement replacement;

  ValueMasker(List<String> blockedValues, List<ValuePattern> named, Replacement replacement) {
    this.replacement = replacement;
    List<MaskPass> built = new ArrayList<>();
    addUserPasses(blockedValues, built);
    if (!named.isEmpty()) {
      built.add(namedPass(List.copyOf(new LinkedHashSet<>(named))));
    }
    this.passes = List.copyOf(built);
  }

  boolean isEmpty() {
    return passes.isEmpty();
  }

  /** The text with blocked parts replaced; the same instance when nothing was blocked. */
  String mask(String text) {
    String result = text;
    for (int i = 0; i < passes.size(); i++) {
      result = passes.get(i).apply(result, replacement);
    }
    return result;
  }

  private static void addUserPasses(List<String> regexes, List<MaskPass> passes) {
    Predicate<String> always = text -> !text.isEmpty();
    RegexUnion.of(regexes)
        .ifPresentOrElse(
            union -> passes.add(new MaskPass(union, always, null, null)),
            // Applied one after the other, as the Collector does; correct, only slower.
            () -> regexes.forEach(regex -> passes.add(new MaskPass(Pattern.compile(regex), always, null, null))));
  }

  private static MaskPass namedPass(List<ValuePattern> named) {
    int minLength = named.stream().mapToInt(ValuePattern::minLength).min().orElseThrow();
    Predicate<String> gate =
        text -> {
          if (text.length() < minLength) {
            return false;
          }
          int traits = TextTraits.of(text);
          for (int i = 0; i < named.size(); i++) {
            if (named.get(i).mayOccurWith(traits)) {
              return true;
            }
          }
          return false;
        };
    List<String> regexes = new ArrayList<>();
    for (ValuePattern pattern : named) {
      regexes.add(pattern == ValuePattern.CREDIT_CARD ? "(?<" + CARD_GROUP + ">" + pattern.regex() + ")" : pattern.regex());
    }
    boolean cards = named.contains(ValuePattern.CREDIT_CARD);
    return new MaskPass(
        Pattern.compile(RegexUnion.join(regexes)),
        gate,
        cards ? CARD_GROUP : null,
        cards ? ValuePattern.CREDIT_CARD.validator() : null);
  }
}
