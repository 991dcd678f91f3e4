package dev.tailgate.exporter.otlphttp;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageOrBuilder;
import dev.tailgate.exporter.otlpjson.OtlpJsonPrinter;
import dev.tailgate.pipeline.Batch;
import java.util.Arrays;
import java.util.Optional;

/** {@code encoding:} how request bodies hold the export request, with its media type. */
enum OtlpHttpEncoding {
  /** The binary protobuf encoding: an untouched batch goes out as the very bytes that arrived. */
  PROTO("proto", "application/x-protobuf") {
    @Override
    ByteString body(Batch<?> batch) {
      return batch.wire();
    }
  },
  /** OTLP/JSON: the batch has to be parsed to be printed. */
  JSON("json", "application/json") {
    @Override
    ByteString body(Batch<?> batch) {
      return ByteString.copyFrom(OtlpJsonPrinter.print((MessageOrBuilder) batch.request()));
    }
  };

  private final String configName;
  private final String mediaType;

  OtlpHttpEncoding(String configName, String mediaType) {
    this.configName = configName;
    this.mediaType = mediaType;
  }

  static Optional<OtlpHttpEncoding> named(String name) {
    return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst();
  }

  String mediaType() {
    return mediaType;
  }

  /** The uncompressed request body for {@code batch}. */
  abstract ByteString body(Batch<?> batch);
}
