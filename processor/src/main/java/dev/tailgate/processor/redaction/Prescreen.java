package dev.tailgate.processor.redaction;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Cheap tests that tell when a text cannot contain a match of a named {@link ValuePattern}, so the
 * regex is not run (and, on the wire, the text is not even decoded). They may say "maybe" wrongly,
 * never "no" wrongly. They read UTF-8 bytes: every pattern is anchored on ASCII characters, and no
 * byte of a multi-byte UTF-8 sequence is ASCII, so looking at bytes finds what looking at
 * characters would. One pass over the text looks for the markers of all patterns at once (an
 * {@code @}, the {@code eyJ} of a JWT, {@code earer}, {@code AKIA}/{@code ASIA}) and counts digits
 * and dots; only a text with enough digits gets the closer look for card numbers and addresses.
 */
final class Prescreen {
  private static final int CARD_DIGITS = 13;
  private static final int IPV4_DOTS = 3;
  private static final int IPV4_DIGITS = 4;

  private static final byte OTHER = 0;
  private static final byte DIGIT = 1;
  private static final byte DOT = 2;
  private static final byte AT = 3;
  private static final byte J = 4;
  private static final byte R = 5;
  private static final byte K_OR_S = 6;
  private static final byte[] CLASSES = classes();

  private Prescreen() {}

  /** The patterns in {@code wanted} (a bit per {@link ValuePattern#ordinal()}) that the text may contain. */
  static int candidates(byte[] text, int offset, int length, int wanted) {
    int found = 0;
    int digits = 0;
    int dots = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      switch (CLASSES[text[i] & 0xFF]) {
        case OTHER -> {}
        case DIGIT -> digits++;
        case DOT -> dots++;
        case AT -> found |= bit(ValuePattern.EMAIL);
        case J -> {
          if (i - offset >= 2 && text[i - 1] == 'y' && text[i - 2] == 'e') {
            found |= bit(ValuePattern.BEARER_TOKEN);
          }
        }
        case R -> {
          if (i - offset >= 4 && (endsWith(text, i, "earer") || endsWith(text, i, "EARER"))) {
            found |= bit(ValuePattern.BEARER_TOKEN);
          }
        }
        case K_OR_S -> {
          if (i - offset >= 1 && i + 2 < end && text[i - 1] == 'A' && text[i + 1] == 'I' && text[i + 2] == 'A') {
            found |= bit(ValuePattern.AWS_ACCESS_KEY);
          }
        }
        default -> throw new AssertionError();
      }
    }
    int card = bit(ValuePattern.CREDIT_CARD);
    if ((wanted & card) != 0 && digits >= CARD_DIGITS && hasCardLikeRun(text, offset, length)) {
      found |= card;
    }
    int ipv4 = bit(ValuePattern.IPV4);
    if ((wanted & ipv4) != 0 && dots >= IPV4_DOTS && digits >= IPV4_DIGITS && hasDigitDotDigits(text, offset, length)) {
      found |= ipv4;
    }
    return found & wanted;
  }

  static int bit(ValuePattern pattern) {
    return 1 << pattern.ordinal();
  }

  static boolean mayContain(ValuePattern pattern, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return candidates(bytes, 0, bytes.length, bit(pattern)) != 0;
  }

  static boolean hasCardLikeRun(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return hasCardLikeRun(bytes, 0, bytes.length);
  }

  static boolean hasDigitDotDigits(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    return hasDigitDotDigits(bytes, 0, bytes.length);
  }

  /**
   * Whether some stretch of digits, spaces and dashes holds 13 digits. A card number is such a
   * stretch at least 13 characters long, so it covers one of every 13th character: only those
   * need a look, and only a digit, space or dash there needs the stretch around it counted.
   */
  private static boolean hasCardLikeRun(byte[] text, int offset, int length) {
    int end = offset + length;
    int i = offset + CARD_DIGITS - 1;
    while (i < end) {
      if (!isCardCharacter(text[i])) {
        i += CARD_DIGITS;
        continue;
      }
      int start = i;
      while (start > offset && isCardCharacter(text[start - 1])) {
        start--;
      }
      int digits = 0;
      int stop = start;
      while (stop < end && isCardCharacter(text[stop])) {
        if (text[stop] != ' ' && text[stop] != '-') {
          digits++;
        }
        stop++;
      }
      if (digits >= CARD_DIGITS) {
        return true;
      }
      i = stop + CARD_DIGITS;
    }
    return false;
  }

  /** Whether three dots sit between digits with only digits from one to the next, as in 10.0.0.1. */
  private static boolean hasDigitDotDigits(byte[] text, int offset, int length) {
    int chained = 0;
    int previous = -1;
    int last = offset + length - 1;
    for (int dot = offset + 1; dot < last; dot++) {
      if (text[dot] != '.') {
        continue;
      }
      if (!isDigit(text[dot - 1]) || !isDigit(text[dot + 1])) {
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

  private static boolean onlyDigitsBetween(byte[] text, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (!isDigit(text[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] text, int last, String ascii) {
    int start = last - ascii.length() + 1;
    for (int i = 0; i < ascii.length(); i++) {
      if (text[start + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCardCharacter(byte c) {
    return isDigit(c) || c == ' ' || c == '-';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] classes() {
    byte[] classes = new byte[256];
    for (char c = '0'; c <= '9'; c++) {
      classes[c] = DIGIT;
    }
    classes['.'] = DOT;
    classes['@'] = AT;
    classes['J'] = J;
    classes['r'] = R;
    classes['R'] = R;
    classes['K'] = K_OR_S;
    classes['S'] = K_OR_S;
    return classes;
  }
}
