package dev.tailgate.processor.redaction;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cheap tests that tell when a text cannot contain a match of a named {@link ValuePattern}, so the
 * regex is not run (and, on the wire, the text is not even decoded). They may say "maybe" wrongly,
 * never "no" wrongly. They read UTF-8 bytes: every pattern is anchored on ASCII characters, and no
 * byte of a multi-byte UTF-8 sequence is ASCII, so looking at bytes finds what looking at
 * characters would. One pass over the text looks for the markers of all patterns at once (an
 * {@code @}, the {@code eyJ} of a JWT, {@code bearer}, {@code AKIA}/{@code ASIA}) and counts digits
 * and dots; only a text with enough digits gets the closer look for card numbers and addresses.
 */
final class Prescreen {
  private static final int CARD_DIGITS = 13;
  private static final int IPV4_DOTS = 3;
  private static final int IPV4_DIGITS = 4;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

  private Prescreen() {}

  /**
   * The patterns in {@code wanted} (a bit per {@link ValuePattern#ordinal()}) that the text may
   * contain. Reads eight bytes at a time: digits and dots are counted with word arithmetic, and
   * only a word holding a marker's anchor byte ({@code @}; the {@code J} of {@code eyJ}; the {@code
   * b}/{@code B} of {@code bearer}; the {@code I} of {@code AKIA}/{@code ASIA}), rare in telemetry,
   * gets a closer look.
   */
  static int candidates(byte[] text, int offset, int length, int wanted) {
    int found = 0;
    int digits = 0;
    int dots = 0;
    int end = offset + length;
    int i = offset;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long word = (long) WORDS.get(text, i);
      digits += Long.bitCount(digitBytes(word));
      dots += Long.bitCount(maybeBytes(word, '.'));
      if ((maybeBytes(word, '@')
              | maybeBytes(word, 'J')
              | maybeBytes(word, 'b')
              | maybeBytes(word, 'B')
              | maybeBytes(word, 'I'))
          != 0) {
        for (int at = i; at < i + Long.BYTES; at++) {
          found |= marker(text, offset, end, at);
        }
      }
    }
    for (; i < end; i++) {
      byte c = text[i];
      if (isDigit(c)) {
        digits++;
      } else if (c == '.') {
        dots++;
      } else {
        found |= marker(text, offset, end, i);
      }
    }
    int card = bit(ValuePattern.CREDIT_CARD);
    if ((wanted & card) != 0 && digits >= CARD_DIGITS && hasCardLikeRun(text, offset, length)) {
      found |= card;
    }
    int ipv4 = bit(ValuePattern.IPV4);
    if ((wanted & ipv4) != 0
        && dots >= IPV4_DOTS
        && digits >= IPV4_DIGITS
        && hasDigitDotDigits(text, offset, length)) {
      found |= ipv4;
    }
    return found & wanted;
  }

  /** The pattern a marker anchored at {@code at} points to, as a bit; 0 when there is none. */
  private static int marker(byte[] text, int offset, int end, int at) {
    switch (text[at]) {
      case '@':
        return bit(ValuePattern.EMAIL);
      case 'J':
        return at - offset >= 2 && text[at - 1] == 'y' && text[at - 2] == 'e'
            ? bit(ValuePattern.BEARER_TOKEN)
            : 0;
      case 'b', 'B':
        return at + 5 < end
                && (startsWith(text, at + 1, "earer") || startsWith(text, at + 1, "EARER"))
            ? bit(ValuePattern.BEARER_TOKEN)
            : 0;
      case 'I':
        return at - offset >= 2
                && at + 1 < end
                && text[at - 2] == 'A'
                && (text[at - 1] == 'K' || text[at - 1] == 'S')
                && text[at + 1] == 'A'
            ? bit(ValuePattern.AWS_ACCESS_KEY)
            : 0;
      default:
        return 0;
    }
  }

  /**
   * High bits set in the bytes of {@code word} that may equal {@code c}: every byte that does, and
   * possibly a byte above one that does (the borrow of the subtraction), which only costs a closer
   * look.
   */
  private static long maybeBytes(long word, char c) {
    long x = word ^ (ONES * c);
    return (x - ONES) & ~x & HIGHS;
  }

  /** High bits set in exactly the bytes of {@code word} that are ASCII digits. */
  private static long digitBytes(long word) {
    long low = word & LOWS;
    long atLeastZero = (low + ONES * (0x80 - '0')) & HIGHS;
    long aboveNine = (low + ONES * (0x80 - '9' - 1)) & HIGHS;
    return atLeastZero & ~aboveNine & ~word & HIGHS;
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
   * stretch at least 13 characters long, so it covers one of every 13th character: only those need
   * a look, and only a digit, space or dash there needs the stretch around it counted.
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

  /**
   * Whether three dots sit between digits with only digits from one to the next, as in 10.0.0.1.
   */
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
      chained =
          previous >= 0 && chained > 0 && onlyDigitsBetween(text, previous, dot) ? chained + 1 : 1;
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

  private static boolean startsWith(byte[] text, int from, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (text[from + i] != ascii.charAt(i)) {
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
}
