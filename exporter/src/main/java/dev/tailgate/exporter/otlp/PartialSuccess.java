package dev.tailgate.exporter.otlp;

/**
 * The {@code partial_success} of an OTLP export response: how many items the backend dropped and
 * why. Zero rejected with a message is a warning from the backend.
 */
public record PartialSuccess(long rejected, String errorMessage) {
  public static final PartialSuccess NONE = new PartialSuccess(0, "");

  public boolean isEmpty() {
    return rejected == 0 && errorMessage.isEmpty();
  }
}
