package dev.tailgate.pipeline.client.grpc;

import dev.tailgate.pipeline.config.ConfigErrors;
import io.grpc.Metadata;
import java.util.Map;

/**
 * {@code headers:} of a gRPC client (the otlp and jaeger exporters): checked at config time, so a
 * header gRPC would refuse fails the config check instead of every send, and turned into the
 * metadata sent with each call.
 */
public final class GrpcHeaders {
  private GrpcHeaders() {}

  /**
   * Records a problem under {@code headers.<name>} for each header gRPC cannot send as ASCII
   * metadata.
   */
  public static void validate(ConfigErrors errors, Map<String, String> headers) {
    headers.forEach((name, value) -> check(errors, name, value));
  }

  /** The headers as ASCII metadata; only valid for headers {@link #validate} accepts. */
  public static Metadata metadataOf(Map<String, String> headers) {
    Metadata metadata = new Metadata();
    headers.forEach(
        (name, value) ->
            metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    return metadata;
  }

  private static void check(ConfigErrors errors, String name, String value) {
    String key = "headers." + name;
    if (value == null) {
      errors.add(key, "must have a value");
      return;
    }
    if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      errors.add(key, "binary (-bin) headers are not supported");
      return;
    }
    try {
      Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    } catch (IllegalArgumentException e) {
      errors.add(key, "is not a valid gRPC metadata name (" + e.getMessage() + ")");
      return;
    }
    errors.check(
        value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), key, "must be printable ASCII");
  }
}
