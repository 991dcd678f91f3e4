package dev.tailgate.receiver.otlp;

/** How OTLP arrived, as the {@code transport} tag of the receiver's self-metrics. */
enum Transport {
  GRPC("grpc"),
  HTTP("http");

  private final String tag;

  Transport(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }
}
