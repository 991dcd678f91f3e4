package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.TlsServerConfig;
import java.util.HashSet;
import java.util.List;

/**
 * {@code protocols.http}: where OTLP/HTTP is served, at which paths, and the largest body it takes.
 */
public record HttpProtocolConfig(
    @JsonProperty("endpoint") Endpoint endpoint,
    @JsonProperty("max_request_body_size") ByteSize maxRequestBodySize,
    @JsonProperty("tls") @JsonDeserialize(using = TlsWhenNull.class) TlsServerConfig tls,
    @JsonProperty("cors") CorsConfig cors,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("traces_url_path") String tracesUrlPathWritten,
    @JsonProperty("metrics_url_path") String metricsUrlPathWritten,
    @JsonProperty("logs_url_path") String logsUrlPathWritten) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4318);
  public static final ByteSize DEFAULT_MAX_REQUEST_BODY_SIZE = ByteSize.ofMiB(20);

  public HttpProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRequestBodySize =
        maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
    tracesUrlPathWritten = tracesUrlPathWritten == null ? "/v1/traces" : tracesUrlPathWritten;
    metricsUrlPathWritten = metricsUrlPathWritten == null ? "/v1/metrics" : metricsUrlPathWritten;
    logsUrlPathWritten = logsUrlPathWritten == null ? "/v1/logs" : logsUrlPathWritten;
  }

  /** At the standard paths. */
  public HttpProtocolConfig(
      Endpoint endpoint,
      ByteSize maxRequestBodySize,
      TlsServerConfig tls,
      CorsConfig cors,
      AuthConfig auth) {
    this(endpoint, maxRequestBodySize, tls, cors, auth, null, null, null);
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

  /** The path traces are served at ({@code traces_url_path}, default {@code /v1/traces}). */
  public String tracesUrlPath() {
    return UrlPath.served(tracesUrlPathWritten).orElseThrow();
  }

  public String metricsUrlPath() {
    return UrlPath.served(metricsUrlPathWritten).orElseThrow();
  }

  public String logsUrlPath() {
    return UrlPath.served(logsUrlPathWritten).orElseThrow();
  }

  void validate(ConfigErrors errors) {
    errors.check(maxRequestBodySize.bytes() > 0, "max_request_body_size", "must be > 0");
    boolean valid =
        checkUrlPath(errors, "traces_url_path", tracesUrlPathWritten)
            & checkUrlPath(errors, "metrics_url_path", metricsUrlPathWritten)
            & checkUrlPath(errors, "logs_url_path", logsUrlPathWritten);
    if (valid) {
      errors.check(
          new HashSet<>(List.of(tracesUrlPath(), metricsUrlPath(), logsUrlPath())).size() == 3,
          "traces_url_path",
          "traces_url_path, metrics_url_path and logs_url_path must be three different paths");
    }
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

  private static boolean checkUrlPath(ConfigErrors errors, String key, String written) {
    boolean valid = UrlPath.served(written).isPresent();
    errors.check(valid, key, "\"" + written + "\" is not a URL path (example: /v1/traces)");
    return valid;
  }
}
