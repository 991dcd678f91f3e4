package dev.tailgate.exporter.elasticsearch;

import java.util.Optional;

/** Where one document goes: an index or data stream name, and the data stream when it is one. */
record Target(String index, Optional<DataStream> dataStream) {

  static Target of(DataStream stream) {
    return new Target(stream.name(), Optional.of(stream));
  }

  static Target index(String index) {
    return new Target(index, Optional.empty());
  }
}
