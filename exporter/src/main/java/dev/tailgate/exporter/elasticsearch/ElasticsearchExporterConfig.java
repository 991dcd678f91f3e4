package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code exporters.elasticsearch}: writes every signal to Elasticsearch or OpenSearch through the
 * {@code _bulk} API, with the Collector's key names.
 */
public record ElasticsearchExporterConfig(
    @JsonProperty("endpoints") List<String> endpoints,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("user") String user,
    @JsonProperty("password") String password,
    @JsonProperty("api_key") String apiKey,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("mapping") MappingConfig mapping,
    @JsonProperty("traces_index") String tracesIndex,
    @JsonProperty("logs_index") String logsIndex,
    @JsonProperty("metrics_index") String metricsIndex,
    @JsonProperty("flush") FlushConfig flush,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("dead_letter") DeadLetterConfig deadLetter,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure)
    implements Validatable {

  /** Headers that java.net.http or the exporter itself sets. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "content-type");

  /** A bulk request of several MiB to a busy cluster takes longer than the common 5 s. */
  private static final ExporterSettings DEFAULTS =
      ExporterSettings.DEFAULTS.withTimeout(Duration.ofSeconds(30));

  public ElasticsearchExporterConfig {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    mapping = mapping == null ? MappingConfig.DEFAULT : mapping;
    flush = flush == null ? FlushConfig.DEFAULT : flush;
    timeout = DEFAULTS.timeoutOr(timeout);
    tls = tls == null ? ClientTlsConfig.DEFAULT : tls;
    deadLetter = deadLetter == null ? DeadLetterConfig.DEFAULT : deadLetter;
    sendingQueue = DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = DEFAULTS.retryOr(retryOnFailure);
  }

  /**
   * {@code endpoint} and {@code endpoints} together, in order; only valid after {@link #validate}.
   */
  public List<URI> endpointUris() {
    List<URI> uris = new ArrayList<>();
    if (endpoint != null) {
      uris.add(URI.create(endpoint.trim()));
    }
    endpoints.forEach(e -> uris.add(URI.create(e.trim())));
    return uris;
  }

  /** The static index configured for {@code signal}, if any (else data streams are used). */
  public Optional<String> staticIndex(Signal<?> signal) {
    String index =
        signal == Signal.TRACES ? tracesIndex : signal == Signal.LOGS ? logsIndex : metricsIndex;
    return Optional.ofNullable(index);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  @Override
  public void validate(ConfigErrors errors) {
    validateEndpoints(errors);
    errors.check(user == null || password != null, "password", "is required with user");
    errors.check(password == null || user != null, "user", "is required with password");
    errors.check(
        apiKey == null || user == null, "api_key", "cannot be combined with user/password");
    errors.check(apiKey == null || !apiKey.isBlank(), "api_key", "must not be empty");
    headers.forEach((name, value) -> checkHeader(errors, name, value));
    checkIndex(errors, "traces_index", tracesIndex);
    checkIndex(errors, "logs_index", logsIndex);
    checkIndex(errors, "metrics_index", metricsIndex);
    flush.validate(errors.at("flush"));
    tls.validateServerVerification(errors.at("tls"));
    deadLetter.validate(errors.at("dead_letter"));
    exporterSettings().validate(errors);
  }

  private void validateEndpoints(ConfigErrors errors) {
    if (endpoint == null && endpoints.isEmpty()) {
      errors.add("endpoints", "at least one endpoint is required (endpoint or endpoints)");
      return;
    }
    if (endpoint != null) {
      checkEndpoint(errors, "endpoint", endpoint);
    }
    for (int i = 0; i < endpoints.size(); i++) {
      checkEndpoint(errors, "endpoints[" + i + "]", endpoints.get(i));
    }
  }

  private static void checkEndpoint(ConfigErrors errors, String key, String text) {
    if (text == null || text.isBlank()) {
      errors.add(key, "must not be empty");
      return;
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      errors.add(key, "\"" + text + "\" is not a URL (e.g. https://elasticsearch:9200)");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      errors.add(key, "\"" + text + "\" must start with http:// or https://");
    } else if (uri.getHost() == null) {
      errors.add(key, "\"" + text + "\" has no host");
    } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      errors.add(key, "\"" + text + "\" must not have a query or fragment");
    }
  }

  private static void checkHeader(ConfigErrors errors, String name, String value) {
    String key = "headers." + name;
    if (value == null) {
      errors.add(key, "must have a value");
    } else if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      errors.add(key, "is set by the exporter and cannot be configured");
    } else if (name.isEmpty() || !name.chars().allMatch(ElasticsearchExporterConfig::isTokenChar)) {
      errors.add(key, "is not a valid HTTP header name");
    } else {
      errors.check(
          value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e)),
          key,
          "must be printable ASCII");
    }
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }

  private static void checkIndex(ConfigErrors errors, String key, String index) {
    if (index == null) {
      return;
    }
    IndexNames.problemWithIndexName(index).ifPresent(problem -> errors.add(key, problem));
  }
}
