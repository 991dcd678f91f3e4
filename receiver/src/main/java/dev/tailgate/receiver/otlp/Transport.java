package dev.tailgate.receiver.otlp;

/** How OTLP arrived, as the {@code transport} tag of the receiver's self-metrics. */
public enum Transport {
  GRPC("grpc"),
  HTTP("http"),
  /** Records of a Kafka topic (the kafka receiver, through {@link OtlpIngest#forTransport}). */
  KAFKA("kafka");

  private final String tag;

  Transport(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }
}
