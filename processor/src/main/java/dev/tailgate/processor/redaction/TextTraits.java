package dev.tailgate.processor.redaction;

/**
 * A bit set of cheap facts about a text, found in one pass over its characters, that the named
 * {@link ValuePattern}s need before they can match. Scanning characters costs a fraction of running
 * the combined regex, and almost no telemetry value has any of these traits.
 */
final class TextTraits {
  /** At least 13 digits: room for a card number. */
  static final int MANY_DIGITS = 1;
  static final int AT_SIGN = 1 << 1;
  /** At least 4 digits and 3 dots: room for an IPv4 address. */
  static final int DOTTED_DIGITS = 1 << 2;
  static final int AWS_KEY_PREFIX = 1 << 3;
  /** "eyJ", the start of a base64url-encoded JSON object. */
  static final int JWT_START = 1 << 4;
  /** "bearer" in any case. */
  static final int BEARER_WORD = 1 << 5;

  private TextTraits() {}

  static int of(String text) {
    int traits = 0;
    int digits = 0;
    int dots = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else if (c == '@') {
        traits |= AT_SIGN;
      } else if (c == 'A') {
        if (text.startsWith("KIA", i + 1) || text.startsWith("SIA", i + 1)) {
          traits |= AWS_KEY_PREFIX;
        }
      } else if (c == 'e') {
        if (text.startsWith("yJ", i + 1)) {
          traits |= JWT_START;
        }
      } else if (c == 'B' || c == 'b') {
        if (text.regionMatches(true, i + 1, "earer", 0, 5)) {
          traits |= BEARER_WORD;
        }
      }
    }
    if (digits >= 13) {
      traits |= MANY_DIGITS;
    }
    if (digits >= 4 && dots >= 3) {
      traits |= DOTTED_DIGITS;
    }
    return traits;
  }
}
