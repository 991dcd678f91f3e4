package dev.tailgate.processor.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code value_patterns}: runs a pattern's regex only on texts its {@link Prescreen} test
 * passes. Each pattern keeps its own regex: a union would make Java's engine try every pattern at
 * every position (several microseconds for a 40 character text), while the prescreen already tells
 * which single pattern, if any, is worth running.
 */
final class NamedPatternPass implements TextPass {
  private final ValuePattern[] patterns;
  private final RegexPass[] regexes;
  private final int minLength;

  NamedPatternPass(List<ValuePattern> named) {
    this.patterns = named.toArray(ValuePattern[]::new);
    this.regexes = new RegexPass[patterns.length];
    int shortest = Integer.MAX_VALUE;
    for (int i = 0; i < patterns.length; i++) {
      regexes[i] = new RegexPass(Pattern.compile(patterns[i].regex()), patterns[i].validator());
      shortest = Math.min(shortest, patterns[i].minLength());
    }
    this.minLength = shortest;
  }

  @Override
  public String apply(String text, Replacement replacement) {
    if (text.length() < minLength) {
      return text;
    }
    String result = text;
    for (int i = 0; i < patterns.length; i++) {
      if (text.length() >= patterns[i].minLength() && Prescreen.mayContain(patterns[i], text)) {
        result = regexes[i].apply(result, replacement);
      }
    }
    return result;
  }
}
