package dev.tailgate.exporter.elasticsearch;

/** An item the mapping mode has no document for; the encoder leaves it out and says so. */
final class UnmappableItemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnmappableItemException(String message) {
    super(message);
  }
}
