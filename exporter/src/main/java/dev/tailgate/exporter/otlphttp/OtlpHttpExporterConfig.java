package dev.tailgate.exporter.otlphttp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.exporter.otlp.CompressionParams;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exporters.otlphttp}: forwards every signal over OTLP/HTTP, with the Collector's keys and
 * defaults. The Collector's connection-pool and buffer keys are accepted so that its configs bind,
 * but the JDK's HTTP client has no such settings; {@link #inertKeysSet()} names those written, and
 * {@code check} warns about each.
 */
public record OtlpHttpExporterConfig(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("traces_endpoint") String tracesEndpoint,
    @JsonProperty("metrics_endpoint") String metricsEndpoint,
    @JsonProperty("logs_endpoint") String logsEndpoint,
    @JsonProperty("encoding") String encoding,
    @JsonProperty("compression") String compression,
    @JsonProperty("compression_params") CompressionParams compressionParams,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("proxy_url") String proxyUrl,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("read_buffer_size") Integer readBufferSize,
    @JsonProperty("write_buffer_size") Integer writeBufferSize,
    @JsonProperty("max_idle_conns") Integer maxIdleConns,
    @JsonProperty("max_idle_conns_per_host") Integer maxIdleConnsPerHost,
    @JsonProperty("max_conns_per_host") Integer maxConnsPerHost,
    @JsonProperty("idle_conn_timeout") Duration idleConnTimeout,
    @JsonProperty("disable_keep_alives") Boolean disableKeepAlives,
    @JsonProperty("http2_read_idle_timeout") Duration http2ReadIdleTimeout,
    @JsonProperty("http2_ping_timeout") Duration http2PingTimeout,
    @JsonProperty("profiles_endpoint") String profilesEndpoint)
    implements Validatable {

  /** The Collector's otlphttp defaults: 30 s per request (not the helper's 5 s), gzip, proto. */
  private static final ExporterSettings DEFAULTS =
      ExporterSettings.DEFAULTS.withTimeout(Duration.ofSeconds(30));

  public static final String DEFAULT_COMPRESSION = "gzip";
  public static final String DEFAULT_ENCODING = "proto";

  public OtlpHttpExporterConfig {
    encoding = encoding == null ? DEFAULT_ENCODING : encoding;
    compression = compression == null ? DEFAULT_COMPRESSION : compression;
    compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    timeout = DEFAULTS.timeoutOr(timeout);
    tls = tls == null ? ClientTlsConfig.DEFAULT : tls;
    sendingQueue = DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = DEFAULTS.retryOr(retryOnFailure);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  /**
   * Where {@code signal}'s requests go: its own {@code <signal>_endpoint} as written, else {@code
   * endpoint} with the signal's path appended; empty when neither is set. Only valid after {@link
   * #validate} found no problem.
   */
  public Optional<URI> url(Signal<?> signal) {
    String own = ownEndpoint(signal);
    if (own != null) {
      return Optional.of(URI.create(own));
    }
    return endpoint == null ? Optional.empty() : Optional.of(HttpUrls.signalUrl(endpoint, signal));
  }

  /** The key that would set {@code signal}'s URL on its own, for messages. */
  public static String ownEndpointKey(Signal<?> signal) {
    return signal.name() + "_endpoint";
  }

  private String ownEndpoint(Signal<?> signal) {
    if (signal == Signal.TRACES) {
      return tracesEndpoint;
    }
    if (signal == Signal.METRICS) {
      return metricsEndpoint;
    }
    return signal == Signal.LOGS ? logsEndpoint : null;
  }

  /** Only valid after {@link #validate} found no problem. */
  OtlpHttpEncoding bodyEncoding() {
    return OtlpHttpEncoding.named(encoding).orElseThrow();
  }

  /** Only valid after {@link #validate} found no problem. */
  HttpCompression bodyCompression() {
    return HttpCompression.named(compression).orElseThrow();
  }

  /** The HTTP proxy requests go through; empty without {@code proxy_url}. */
  Optional<InetSocketAddress> proxy() {
    if (proxyUrl == null || proxyUrl.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create(proxyUrl);
    // Unresolved: the proxy's name is looked up when connecting, as the endpoint's is.
    return Optional.of(
        InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()));
  }

  /**
   * The Collector's HTTP client keys written here that change nothing: the JDK client keeps its own
   * connection pool and buffers, and pings HTTP/2 connections on its own schedule.
   */
  public List<String> inertKeysSet() {
    List<String> set = new ArrayList<>();
    addIfSet(set, "read_buffer_size", readBufferSize);
    addIfSet(set, "write_buffer_size", writeBufferSize);
    addIfSet(set, "max_idle_conns", maxIdleConns);
    addIfSet(set, "max_idle_conns_per_host", maxIdleConnsPerHost);
    addIfSet(set, "max_conns_per_host", maxConnsPerHost);
    addIfSet(set, "idle_conn_timeout", idleConnTimeout);
    addIfSet(set, "disable_keep_alives", disableKeepAlives);
    addIfSet(set, "http2_read_idle_timeout", http2ReadIdleTimeout);
    addIfSet(set, "http2_ping_timeout", http2PingTimeout);
    addIfSet(set, "tls.insecure", tls.insecure());
    return List.copyOf(set);
  }

  private static void addIfSet(List<String> set, String key, Object value) {
    if (value != null) {
      set.add(key);
    }
  }

  @Override
  public void validate(ConfigErrors errors) {
    for (String key : inertKeysSet()) {
      errors.warn(
          key,
          key.equals("tls.insecure")
              ? "has no effect here: the URL's scheme alone decides TLS (http:// or https://)"
              : "has no effect here: the JDK's HTTP client manages its own connections and"
                  + " buffers");
    }
    if (profilesEndpoint != null) {
      errors.warn("profiles_endpoint", "has no effect here: Tailgate carries no profiles signal");
    }
    validateEndpoints(errors);
    errors.check(
        OtlpHttpEncoding.named(encoding).isPresent(),
        "encoding",
        "must be proto or json, not \"" + encoding + "\"");
    validateCompression(errors);
    headers.forEach((name, value) -> checkHeader(errors, name, value));
    tls.validateForHttpClient(errors.at("tls"));
    validateProxy(errors);
    exporterSettings().validate(errors);
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
  }

  private void validateEndpoints(ConfigErrors errors) {
    if (endpoint == null
        && tracesEndpoint == null
        && metricsEndpoint == null
        && logsEndpoint == null) {
      errors.add(
          "endpoint",
          "is required (or traces_endpoint, metrics_endpoint and logs_endpoint for the signals"
              + " exported)");
      return;
    }
    checkUrl(errors, "endpoint", endpoint);
    checkUrl(errors, "traces_endpoint", tracesEndpoint);
    checkUrl(errors, "metrics_endpoint", metricsEndpoint);
    checkUrl(errors, "logs_endpoint", logsEndpoint);
  }

  private static void checkUrl(ConfigErrors errors, String key, String value) {
    if (value != null) {
      HttpUrls.check(errors, key, value);
    }
  }

  private void validateCompression(ConfigErrors errors) {
    Optional<HttpCompression> named = HttpCompression.named(compression);
    if (named.isEmpty()) {
      errors.add(
          "compression", "must be " + HttpCompression.choices() + ", not \"" + compression + "\"");
      return;
    }
    Integer level = compressionParams.level();
    if (level != null) {
      named
          .get()
          .levelProblem(level)
          .ifPresent(problem -> errors.add("compression_params.level", problem));
    }
  }

  private void validateProxy(ConfigErrors errors) {
    if (proxyUrl == null || proxyUrl.isEmpty()) {
      return;
    }
    int before = errors.size();
    HttpUrls.check(errors, "proxy_url", proxyUrl);
    if (errors.size() > before) {
      return;
    }
    URI uri = URI.create(proxyUrl);
    // The JDK client speaks plain HTTP to a proxy (CONNECT for https endpoints), without TLS to
    // the proxy itself, and answers no proxy authentication challenge on a tunnel.
    errors.check(
        "http".equals(uri.getScheme()),
        "proxy_url",
        "\"" + proxyUrl + "\" must be an http:// proxy (TLS to the proxy is not supported)");
    errors.check(
        uri.getRawUserInfo() == null, "proxy_url", "credentials in the URL are not supported");
  }

  private static void checkHeader(ConfigErrors errors, String name, String value) {
    String key = "headers." + name;
    if (value == null) {
      errors.add(key, "must have a value");
      return;
    }
    try {
      // The HTTP client's own rules: valid token, printable value, and not one it sets itself.
      HttpRequest.newBuilder().header(name, value);
    } catch (IllegalArgumentException e) {
      errors.add(key, "cannot be sent: " + e.getMessage());
    }
  }
}
