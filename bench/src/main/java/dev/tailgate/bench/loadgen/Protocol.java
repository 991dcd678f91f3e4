package dev.tailgate.bench.loadgen;

/** The OTLP transports the generator can speak. */
public enum Protocol {
  GRPC,
  HTTP;

  static Protocol parse(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "grpc" -> GRPC;
      case "http" -> HTTP;
      default ->
          throw new IllegalArgumentException(
              "--protocol must be grpc or http, got \"" + text + "\"");
    };
  }
}
