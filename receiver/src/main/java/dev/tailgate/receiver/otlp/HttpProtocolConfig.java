package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.TlsServerConfig;

/** {@code protocols.http}: where OTLP/HTTP is served and the largest body it takes. */
public record HttpProtocolConfig(
    @JsonProperty("endpoint") Endpoint endpoint,
    @JsonProperty("max_request_body_size") ByteSize maxRequestBodySize,
    @JsonProperty("tls") @JsonDeserialize(using = TlsWhenNull.class) TlsServerConfig tls,
    @JsonProperty("cors") CorsConfig cors,
    @JsonProperty("auth") AuthConfig auth) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4318);
  public static final ByteSize DEFAULT_MAX_REQUEST_BODY_SIZE = ByteSize.ofMiB(20);

  public HttpProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRequestBodySize =
        maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
  }

  /** Without CORS and authentication. */
  public HttpProtocolConfig(Endpoint endpoint, ByteSize maxRequestBodySize, TlsServerConfig tls) {
    this(endpoint, maxRequestBodySize, tls, null, null);
  }

  /** Without TLS. */
  public HttpProtocolConfig(Endpoint endpoint, ByteSize maxRequestBodySize) {
    this(endpoint, maxRequestBodySize, null);
  }

  public static HttpProtocolConfig defaults() {
    return new HttpProtocolConfig(null, null);
  }

  void validate(ConfigErrors errors) {
    errors.check(maxRequestBodySize.bytes() > 0, "max_request_body_size", "must be > 0");
    if (tls != null) {
      tls.validate(errors.at("tls"));
    }
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
    if (cors != null) {
      cors.validate(errors.at("cors"));
    }
  }
}
