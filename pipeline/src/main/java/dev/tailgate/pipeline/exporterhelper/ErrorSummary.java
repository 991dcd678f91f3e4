package dev.tailgate.pipeline.exporterhelper;

/**
 * One short line that says why an attempt failed, for {@link SendStatus.LastError}: the error's own
 * message, and its root cause's when that says more ({@code UNAVAILABLE: io exception} alone does
 * not say "connection refused"). First lines only, control characters blanked and cut to {@link
 * SendStatus.LastError#MAX_MESSAGE} characters, so that a backend that answers with a long body, or
 * echoes the request, does not put it on the status page.
 */
final class ErrorSummary {
  /** Far enough to reach the root of any real chain; a cycle stops here. */
  private static final int MAX_DEPTH = 16;

  private ErrorSummary() {}

  static String of(Throwable error) {
    String summary = messageOf(error);
    Throwable root = error;
    for (int depth = 0;
        depth < MAX_DEPTH && root.getCause() != null && root.getCause() != root;
        depth++) {
      root = root.getCause();
    }
    if (root != error && root.getMessage() != null) {
      String cause = firstLine(root.getMessage());
      if (!cause.isBlank() && !summary.contains(cause)) {
        summary = summary + " (cause: " + cause + ")";
      }
    }
    return shortened(summary);
  }

  private static String messageOf(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank()
        ? error.getClass().getSimpleName()
        : firstLine(message);
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int end = 0;
    while (end < trimmed.length() && trimmed.charAt(end) != '\n' && trimmed.charAt(end) != '\r') {
      end++;
    }
    StringBuilder line = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = trimmed.charAt(i);
      line.append(Character.isISOControl(c) ? ' ' : c);
    }
    return line.toString().strip();
  }

  private static String shortened(String text) {
    int max = SendStatus.LastError.MAX_MESSAGE;
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--; // never half a character
    }
    return text.substring(0, cut) + "\u2026";
  }
}
