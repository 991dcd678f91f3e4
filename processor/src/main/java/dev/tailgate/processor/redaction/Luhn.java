package dev.tailgate.processor.redaction;

/** The Luhn (mod 10) check digit test of card numbers; separators other than digits are skipped. */
final class Luhn {
  private Luhn() {}

  static boolean passes(String number) {
    int sum = 0;
    int digits = 0;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (digits % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }
}
