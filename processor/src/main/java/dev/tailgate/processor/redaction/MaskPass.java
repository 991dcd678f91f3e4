package dev.tailgate.processor.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One regex run over a text that replaces every match: usually the union of several patterns, so a
 * text is scanned once however many patterns there are. A gate can skip texts that cannot match,
 * and one capturing group may carry a validator (Luhn for card numbers) that a match must pass.
 */
final class MaskPass {
  private final Pattern pattern;
  private final Predicate<String> gate;
  private final String validatedGroup;
  private final Predicate<String> validator;

  MaskPass(Pattern pattern, Predicate<String> gate, String validatedGroup, Predicate<String> validator) {
    this.pattern = pattern;
    this.gate = gate;
    this.validatedGroup = validatedGroup;
    this.validator = validator;
  }

  /** The text with every accepted match replaced; the same instance when nothing matched. */
  String apply(String text, Replacement replacement) {
    if (!gate.test(text)) {
      return text;
    }
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int length = text.length();
    while (from <= length && matcher.find(from)) {
      int start = matcher.start();
      int end = matcher.end();
      if (end == start || !accepted(matcher)) {
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

  private boolean accepted(Matcher matcher) {
    if (validator == null) {
      return true;
    }
    String candidate = matcher.group(validatedGroup);
    return candidate == null || validator.test(candidate);
  }
}
