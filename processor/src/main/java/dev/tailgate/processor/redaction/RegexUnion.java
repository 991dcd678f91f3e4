package dev.tailgate.processor.redaction;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Joins regexes into one alternation, so a text is scanned once for all of them. Not every regex
 * survives being joined: numbered back-references would point at another group, and an open {@code
 * \Q} quote or an {@code (?x)} comment swallows the closing parenthesis. Those get no union, and
 * callers apply the regexes one by one.
 */
final class RegexUnion {
  private static final Pattern BACK_REFERENCE =
      Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\(?:[1-9]|k<)");

  private RegexUnion() {}

  static Optional<Pattern> of(List<String> regexes) {
    if (regexes.isEmpty()
        || regexes.stream().anyMatch(regex -> BACK_REFERENCE.matcher(regex).find())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pattern.compile(join(regexes)));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  static String join(List<String> regexes) {
    return regexes.stream().map(regex -> "(?:" + regex + ")").collect(Collectors.joining("|"));
  }
}
