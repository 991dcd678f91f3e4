package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;

/** {@code protocols.http}: where OTLP/HTTP is served and the largest body it takes. */
public record HttpProtocolConfig(
    @JsonProperty("endpoint") Endpoint endpoint,
    @JsonProperty("max_request_body_size") ByteSize maxRequestBodySize) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4318);
  public static final ByteSize DEFAULT_MAX_REQUEST_BODY_SIZE = ByteSize.ofMiB(20);

  public HttpProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRequestBodySize =
        maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
  }

  public static HttpProtocolConfig defaults() {
    return new HttpProtocolConfig(null, null);
  }

  void validate(ConfigErrors errors) {
    errors.check(maxRequestBodySize.bytes() > 0, "max_request_body_size", "must be > 0");
  }
}
