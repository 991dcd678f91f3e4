package dev.tailgate.processor.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every match of one regex (possibly the union of several). A validator, when given, must
 * accept a match for it to be replaced: the Luhn check of card numbers.
 */
final class RegexPass implements TextPass {
  private final Pattern pattern;
  private final Predicate<String> validator;

  RegexPass(Pattern pattern, Predicate<String> validator) {
    this.pattern = pattern;
    this.validator = validator;
  }

  RegexPass(Pattern pattern) {
    this(pattern, null);
  }

  /**
   * A regex whose engine recurses per repetition of a group (a user's {@code (a|b)+}, say) can
   * overflow the stack on a long enough text; then the whole text is masked: failing closed keeps a
   * secret hidden, and the request goes on.
   */
  @Override
  public String apply(String text, Replacement replacement) {
    try {
      return replaceMatches(text, replacement);
    } catch (StackOverflowError e) {
      return replacement.of(text);
    }
  }

  private String replaceMatches(String text, Replacement replacement) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int length = text.length();
    while (from <= length && matcher.find(from)) {
      int start = matcher.start();
      int end = matcher.end();
      if (end == start || (validator != null && !validator.test(text.substring(start, end)))) {
        // An empty match hides nothing; a rejected one (a Luhn failure) may hide a valid match that
        // starts later inside it, so search again from the next character.
        from = start + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length + 16);
      }
      out.append(text, copied, start).append(replacement.of(text.substring(start, end)));
      copied = end;
      from = end;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, length).toString();
  }
}
