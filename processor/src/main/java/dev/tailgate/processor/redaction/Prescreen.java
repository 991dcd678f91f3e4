package dev.tailgate.processor.redaction;

/**
 * Cheap tests that tell when a text cannot contain a match of a named {@link ValuePattern}, so the
 * regex is not run. They may say "maybe" wrongly, never "no" wrongly. Java's regex engine tries a
 * pattern at every position of the text; these use {@code String.indexOf} (vectorised by the JIT)
 * or look at a fraction of the characters, and almost every telemetry value fails all of them.
 */
final class Prescreen {
  private static final int CARD_DIGITS = 13;
  private static final int IPV4_DOTS = 3;

  private Prescreen() {}

  static boolean mayContain(ValuePattern pattern, String text) {
    return switch (pattern) {
      case CREDIT_CARD -> hasCardLikeRun(text);
      case EMAIL -> text.indexOf('@') >= 0;
      case BEARER_TOKEN ->
          text.indexOf("eyJ") >= 0 || text.indexOf("earer") >= 0 || text.indexOf("EARER") >= 0;
      case AWS_ACCESS_KEY -> text.indexOf("AKIA") >= 0 || text.indexOf("ASIA") >= 0;
      case IPV4 -> hasDigitDotDigits(text);
    };
  }

  /**
   * Whether some stretch of digits, spaces and dashes holds 13 digits. A card number is such a
   * stretch at least 13 characters long, so it covers one of every 13th character: only those
   * need a look, and only a digit, space or dash there needs the stretch around it counted.
   */
  static boolean hasCardLikeRun(String text) {
    int length = text.length();
    int i = CARD_DIGITS - 1;
    while (i < length) {
      if (!isCardCharacter(text.charAt(i))) {
        i += CARD_DIGITS;
        continue;
      }
      int start = i;
      while (start > 0 && isCardCharacter(text.charAt(start - 1))) {
        start--;
      }
      int digits = 0;
      int end = start;
      while (end < length && isCardCharacter(text.charAt(end))) {
        if (text.charAt(end) != ' ' && text.charAt(end) != '-') {
          digits++;
        }
        end++;
      }
      if (digits >= CARD_DIGITS) {
        return true;
      }
      i = end + CARD_DIGITS;
    }
    return false;
  }

  /** Whether three dots sit between digits with only digits from one to the next, as in 10.0.0.1. */
  static boolean hasDigitDotDigits(String text) {
    int chained = 0;
    int previous = -1;
    int last = text.length() - 1;
    for (int dot = text.indexOf('.', 1); dot > 0 && dot < last; dot = text.indexOf('.', dot + 1)) {
      if (!isDigit(text.charAt(dot - 1)) || !isDigit(text.charAt(dot + 1))) {
        chained = 0;
        continue;
      }
      chained = previous >= 0 && chained > 0 && onlyDigitsBetween(text, previous, dot) ? chained + 1 : 1;
      if (chained == IPV4_DOTS) {
        return true;
      }
      previous = dot;
    }
    return false;
  }

  private static boolean onlyDigitsBetween(String text, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCardCharacter(char c) {
    return isDigit(c) || c == ' ' || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
