package dev.tailgate.exporter.elasticsearch;

/** A data stream of the naming scheme {@code {type}-{dataset}-{namespace}}. */
record DataStream(String type, String dataset, String namespace) {
  static final String DEFAULT_DATASET = "generic";
  static final String DEFAULT_NAMESPACE = "default";

  String name() {
    return type + "-" + dataset + "-" + namespace;
  }
}
