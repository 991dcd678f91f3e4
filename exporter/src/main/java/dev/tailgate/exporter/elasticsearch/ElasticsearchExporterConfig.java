package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("cloudid") String cloudId,
    @JsonProperty("pipeline") String pipeline,
    @JsonProperty("compression") String compression,
    @JsonProperty("retry") BulkRetryConfig retry,
    @JsonProperty("logstash_format") LogstashFormatConfig logstashFormat,
    @JsonProperty("traces_dynamic_index") EnabledFlag tracesDynamicIndex,
    @JsonProperty("logs_dynamic_index") EnabledFlag logsDynamicIndex,
    @JsonProperty("metrics_dynamic_index") EnabledFlag metricsDynamicIndex,
    @JsonProperty("logs_dynamic_id") EnabledFlag logsDynamicId,
    @JsonProperty("logs_dynamic_pipeline") EnabledFlag logsDynamicPipeline,
    @JsonProperty("num_workers") Integer numWorkers,
    @JsonProperty("discover") JsonNode discover,
    @JsonProperty("batcher") JsonNode batcher,
    @JsonProperty("telemetry") JsonNode telemetry,
    @JsonProperty("include_source_on_error") Boolean includeSourceOnError,
    @JsonProperty("read_buffer_size") JsonNode readBufferSize,
    @JsonProperty("write_buffer_size") JsonNode writeBufferSize,
    @JsonProperty("max_idle_conns") JsonNode maxIdleConns,
    @JsonProperty("max_idle_conns_per_host") JsonNode maxIdleConnsPerHost,
    @JsonProperty("max_conns_per_host") JsonNode maxConnsPerHost,
    @JsonProperty("idle_conn_timeout") JsonNode idleConnTimeout,
    @JsonProperty("disable_keep_alives") JsonNode disableKeepAlives,
    @JsonProperty("http2_read_idle_timeout") JsonNode http2ReadIdleTimeout,
    @JsonProperty("http2_ping_timeout") JsonNode http2PingTimeout)
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
    // The Collector's retry block, when given and retry_on_failure is not, sets the backoff.
    retryOnFailure =
        retryOnFailure == null && retry != null
            ? retry.helperRetry()
            : DEFAULTS.retryOr(retryOnFailure);
    compression = compression == null ? "gzip" : compression;
    logstashFormat = logstashFormat == null ? LogstashFormatConfig.DEFAULT : logstashFormat;
  }

  /** True when bulk bodies are gzipped (the Collector's default). */
  public boolean gzip() {
    return compression.equals("gzip");
  }

  /**
   * The cluster of {@code cloudid}, or {@code endpoint} and {@code endpoints} together, in order;
   * only valid after {@link #validate}.
   */
  public List<URI> endpointUris() {
    List<URI> uris = new ArrayList<>();
    if (cloudId != null) {
      CloudId.endpoint(cloudId).ifPresent(uris::add);
    }
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

  /** The routing of {@code signal}'s documents: static index, logstash date suffix. */
  IndexRouter router(Signal<?> signal) {
    return new IndexRouter(signal.name(), staticIndex(signal), logstashFormat.suffix());
  }

  @Override
  public void validate(ConfigErrors errors) {
    validateEndpoints(errors);
    errors.check(user == null || password != null, "password", "is required with user");
    errors.check(password == null || user != null, "user", "is required with password");
    errors.check(apiKey == null || !apiKey.isBlank(), "api_key", "must not be empty");
    if (apiKey != null && user != null) {
      // As the Collector's Elasticsearch client: the API key is sent, the basic credentials not.
      errors.warn("user", "has no effect here: api_key is set, and it is sent instead");
    }
    errors.check(
        compression.equals("gzip") || compression.equals("none"),
        "compression",
        "must be one of [none, gzip], not \"" + compression + "\"");
    errors.check(pipeline == null || !pipeline.isBlank(), "pipeline", "must not be empty when set");
    errors.check(
        retry == null || retry.helperRetry().equals(retryOnFailure),
        "retry",
        "cannot be combined with retry_on_failure; give one of them");
    if (retry != null) {
      retry.validate(errors.at("retry"));
    }
    logstashFormat.validate(errors.at("logstash_format"));
    mapping.validate(errors.at("mapping"));
    validateDynamicIndex(errors, "traces", tracesIndex, tracesDynamicIndex);
    validateDynamicIndex(errors, "logs", logsIndex, logsDynamicIndex);
    validateDynamicIndex(errors, "metrics", metricsIndex, metricsDynamicIndex);
    InertKeys.warn(this, errors);
    headers.forEach((name, value) -> checkHeader(errors, name, value));
    checkIndex(errors, "traces_index", tracesIndex);
    checkIndex(errors, "logs_index", logsIndex);
    checkIndex(errors, "metrics_index", metricsIndex);
    flush.validate(errors.at("flush"));
    if (tls.insecure() != null) {
      errors.warn(
          "tls.insecure",
          "has no effect here: the endpoint's scheme alone decides TLS (http:// or https://)");
    }
    tls.validateForHttpClient(errors.at("tls"));
    deadLetter.validate(errors.at("dead_letter"));
    exporterSettings().validate(errors);
  }

  /**
   * The Collector routes dynamically whatever {@code enabled} says (since v0.122.0) and refuses it
   * beside a static index, which would win anyway.
   */
  private static void validateDynamicIndex(
      ConfigErrors errors, String signal, String index, EnabledFlag dynamic) {
    if (dynamic == null || !dynamic.on()) {
      return;
    }
    String key = signal + "_dynamic_index.enabled";
    if (index != null) {
      errors.add(
          key,
          "must not be set with "
              + signal
              + "_index; leave "
              + signal
              + "_index empty unless all documents should go to the same index");
    } else {
      errors.warn(
          key,
          "has no effect here, as in the Collector since v0.122.0: documents are always routed by"
              + " the elasticsearch.index attribute, else by the data_stream.* attributes");
    }
  }

  private void validateEndpoints(ConfigErrors errors) {
    if (cloudId != null) {
      if (endpoint != null || !endpoints.isEmpty()) {
        errors.add("cloudid", "cannot be combined with endpoint/endpoints; give one of them");
      }
      CloudId.problem(cloudId).ifPresent(problem -> errors.add("cloudid", problem));
      return;
    }
    if (endpoint == null && endpoints.isEmpty()) {
      errors.add("endpoints", "at least one endpoint is required (endpoint, endpoints or cloudid)");
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
