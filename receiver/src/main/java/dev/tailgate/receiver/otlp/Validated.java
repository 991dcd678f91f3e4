package dev.tailgate.receiver.otlp;

/**
 * A request after validation: the valid items (the original message when nothing was rejected), how
 * many items it holds, and how many were rejected with a short reason.
 */
record Validated<T>(T request, int items, int rejected, String errorMessage) {

  static <T> Validated<T> allValid(T request, int items) {
    return new Validated<>(request, items, 0, "");
  }
}
