package dev.tailgate.processor.redaction;

/**
 * Masks e-mail addresses as the {@link ValuePattern#EMAIL} regex describes them (a local part of
 * {@code [A-Za-z0-9._%+-]} not preceded by another such character, {@code @}, then labels of {@code
 * [A-Za-z0-9-]} joined by single dots, at least two), in one linear scan instead of Java's regex
 * engine: its engine repeats a group by recursion, so {@code a@b} followed by a few thousand {@code
 * .c} segments overflowed the stack. Finds the same matches as the regex, leftmost first, each as
 * long as possible.
 */
final class EmailPass implements TextPass {

  @Override
  public String apply(String text, Replacement replacement) {
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int length = text.length();
    for (int at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', from)) {
      int start = at;
      while (start > 0 && isLocal(text.charAt(start - 1))) {
        start--;
      }
      int end = domainEnd(text, at + 1);
      if (start == at || start < from || end < 0) {
        from = at + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length + 16);
      }
      out.append(text, copied, start).append(replacement.of(text.substring(start, end)));
      copied = end;
      from = end;
    }
    return out == null ? text : out.append(text, copied, length).toString();
  }

  /**
   * Where a domain of at least two labels starting at {@code from} ends, or -1 if there is none.
   */
  private static int domainEnd(String text, int from) {
    int end = labelEnd(text, from);
    if (end == from) {
      return -1;
    }
    int labels = 1;
    while (end < text.length() && text.charAt(end) == '.') {
      int next = labelEnd(text, end + 1);
      if (next == end + 1) {
        break;
      }
      end = next;
      labels++;
    }
    return labels >= 2 ? end : -1;
  }

  private static int labelEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isLabel(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isLocal(char c) {
    return isLabel(c) || c == '.' || c == '_' || c == '%' || c == '+';
  }

  private static boolean isLabel(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
  }
}
