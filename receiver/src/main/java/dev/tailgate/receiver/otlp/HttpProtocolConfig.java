package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.config.ListenEndpointDeserializer;
import dev.tailgate.pipeline.tls.TlsServerConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code protocols.http}: where OTLP/HTTP is served, at which paths, the largest body it takes, the
 * content encodings it accepts and the headers every response carries. The rest of the Collector's
 * confighttp server keys bind too; the ones whose mechanism belongs to Jetty's connector here
 * (timeouts, keep-alives) or that we do not have (middlewares, client metadata) warn at check.
 */
public record HttpProtocolConfig(
    @JsonProperty("endpoint") @JsonDeserialize(using = ListenEndpointDeserializer.class)
        Endpoint endpoint,
    @JsonProperty("max_request_body_size") ByteSize maxRequestBodySize,
    @JsonProperty("tls") @JsonDeserialize(using = TlsWhenNull.class) TlsServerConfig tls,
    @JsonProperty("cors") CorsConfig cors,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("traces_url_path") String tracesUrlPathWritten,
    @JsonProperty("metrics_url_path") String metricsUrlPathWritten,
    @JsonProperty("logs_url_path") String logsUrlPathWritten,
    @JsonProperty("transport") String transport,
    @JsonProperty("response_headers") Map<String, String> responseHeaders,
    @JsonProperty("compression_algorithms") List<String> compressionAlgorithms,
    @JsonProperty("include_metadata") Boolean includeMetadata,
    @JsonProperty("read_timeout") Duration readTimeout,
    @JsonProperty("read_header_timeout") Duration readHeaderTimeout,
    @JsonProperty("write_timeout") Duration writeTimeout,
    @JsonProperty("idle_timeout") Duration idleTimeout,
    @JsonProperty("keep_alives_enabled") Boolean keepAlivesEnabled,
    @JsonProperty("middlewares") List<JsonNode> middlewares) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4318);
  public static final ByteSize DEFAULT_MAX_REQUEST_BODY_SIZE = ByteSize.ofMiB(20);

  public HttpProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRequestBodySize =
        maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
    tracesUrlPathWritten = tracesUrlPathWritten == null ? "/v1/traces" : tracesUrlPathWritten;
    metricsUrlPathWritten = metricsUrlPathWritten == null ? "/v1/metrics" : metricsUrlPathWritten;
    logsUrlPathWritten = logsUrlPathWritten == null ? "/v1/logs" : logsUrlPathWritten;
    transport = transport == null ? "tcp" : transport;
    responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
    compressionAlgorithms =
        compressionAlgorithms == null
            ? HttpCompressions.COLLECTOR_DEFAULT
            : List.copyOf(compressionAlgorithms);
  }

  /** At the given paths. */
  public HttpProtocolConfig(
      Endpoint endpoint,
      ByteSize maxRequestBodySize,
      TlsServerConfig tls,
      CorsConfig cors,
      AuthConfig auth,
      String tracesUrlPath,
      String metricsUrlPath,
      String logsUrlPath) {
    this(
        endpoint,
        maxRequestBodySize,
        tls,
        cors,
        auth,
        tracesUrlPath,
        metricsUrlPath,
        logsUrlPath,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
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
    Transports.validate(transport, endpoint, tls != null, errors);
    HttpCompressions.validate(compressionAlgorithms, errors.at("compression_algorithms"));
    responseHeaders.forEach(
        (name, value) ->
            errors.check(
                HttpCompressions.isToken(name),
                "response_headers",
                "\"" + name + "\" is not a valid header name"));
    warnAboutInertKeys(errors);
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

  private void warnAboutInertKeys(ConfigErrors errors) {
    String connector =
        "has no effect here: the OTLP/HTTP connector is Jetty's, with its own idle timeout and"
            + " keep-alive handling";
    if (readTimeout != null) {
      errors.warn("read_timeout", connector);
    }
    if (readHeaderTimeout != null) {
      errors.warn("read_header_timeout", connector);
    }
    if (writeTimeout != null) {
      errors.warn("write_timeout", connector);
    }
    if (idleTimeout != null) {
      errors.warn("idle_timeout", connector);
    }
    if (keepAlivesEnabled != null) {
      errors.warn("keep_alives_enabled", connector);
    }
    if (Boolean.TRUE.equals(includeMetadata)) {
      errors.warn(
          "include_metadata",
          "has no effect here: request headers do not travel with the data; the authenticated"
              + " identity does (headers_setter from_context: tenant)");
    }
    if (middlewares != null && !middlewares.isEmpty()) {
      errors.warn("middlewares", "has no effect here: there are no middleware extensions");
    }
  }

  private static boolean checkUrlPath(ConfigErrors errors, String key, String written) {
    boolean valid = UrlPath.served(written).isPresent();
    errors.check(valid, key, "\"" + written + "\" is not a URL path (example: /v1/traces)");
    return valid;
  }
}
