package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.config.ConfigErrors;

/**
 * {@code protocols}: each protocol is served only when its key is present. As in the Collector,
 * {@code grpc:} written without a value turns gRPC on with its defaults, so YAML null binds to the
 * default config; a protocol left out stays null.
 */
public record ProtocolsConfig(
    @JsonProperty("grpc") @JsonDeserialize(using = GrpcWhenNull.class) GrpcProtocolConfig grpc,
    @JsonProperty("http") @JsonDeserialize(using = HttpWhenNull.class) HttpProtocolConfig http) {

  public static ProtocolsConfig none() {
    return new ProtocolsConfig(null, null);
  }

  void validate(ConfigErrors errors) {
    if (grpc == null && http == null) {
      errors.add("", "enable grpc, http or both");
    }
    if (grpc != null) {
      grpc.validate(errors.at("grpc"));
    }
    if (http != null) {
      http.validate(errors.at("http"));
    }
  }

  static final class GrpcWhenNull extends DefaultsWhenNull<GrpcProtocolConfig> {
    GrpcWhenNull() {
      super(GrpcProtocolConfig.class, GrpcProtocolConfig::defaults);
    }
  }

  static final class HttpWhenNull extends DefaultsWhenNull<HttpProtocolConfig> {
    HttpWhenNull() {
      super(HttpProtocolConfig.class, HttpProtocolConfig::defaults);
    }
  }
}
