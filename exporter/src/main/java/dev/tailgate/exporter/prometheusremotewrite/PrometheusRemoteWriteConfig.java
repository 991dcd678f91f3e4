package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code exporters.prometheusremotewrite}: pushes metrics to a Prometheus remote-write 1.0
 * endpoint.
 */
public record PrometheusRemoteWriteConfig(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("external_labels") Map<String, String> externalLabels,
    @JsonProperty("add_metric_suffixes") Boolean addMetricSuffixes,
    @JsonProperty("add_scope_labels") Boolean addScopeLabels,
    @JsonProperty("resource_to_telemetry_conversion")
        ResourceToTelemetryConfig resourceToTelemetryConversion,
    @JsonProperty("target_info") TargetInfoConfig targetInfo,
    @JsonProperty("delta_to_cumulative") DeltaToCumulativeConfig deltaToCumulative,
    @JsonProperty("max_batch_size_bytes") Integer maxBatchSizeBytes,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("auth") AuthConfig auth)
    implements Validatable {

  /**
   * Without a {@code sending_queue} block one consumer sends: Prometheus refuses a sample older
   * than the newest one it has of a series, and parallel senders would reorder batches. Its size is
   * every queue's default (bytes, 128 MiB).
   */
  public static final QueueConfig DEFAULT_QUEUE = new QueueConfig(null, 1, null, null, null);

  private static final ExporterSettings DEFAULTS =
      ExporterSettings.DEFAULTS.withQueue(DEFAULT_QUEUE);

  public PrometheusRemoteWriteConfig {
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    namespace = namespace == null ? "" : namespace;
    externalLabels =
        externalLabels == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(externalLabels));
    addMetricSuffixes = addMetricSuffixes == null || addMetricSuffixes;
    addScopeLabels = addScopeLabels == null || addScopeLabels;
    resourceToTelemetryConversion =
        resourceToTelemetryConversion == null
            ? ResourceToTelemetryConfig.DEFAULT
            : resourceToTelemetryConversion;
    targetInfo = targetInfo == null ? TargetInfoConfig.DEFAULT : targetInfo;
    deltaToCumulative =
        deltaToCumulative == null ? DeltaToCumulativeConfig.DEFAULT : deltaToCumulative;
    maxBatchSizeBytes = maxBatchSizeBytes == null ? 3_000_000 : maxBatchSizeBytes;
    tls = tls == null ? ClientTlsConfig.DEFAULT : tls;
    timeout = DEFAULTS.timeoutOr(timeout);
    sendingQueue = DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = DEFAULTS.retryOr(retryOnFailure);
  }

  /** The endpoint as a URI; only valid after {@link #validate} found no problem. */
  public URI endpointUri() {
    return URI.create(endpoint);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  /** The translation rules this config asks for. */
  public TranslationSettings translationSettings() {
    return new TranslationSettings(
        namespace,
        addMetricSuffixes,
        addScopeLabels,
        resourceToTelemetryConversion.enabled(),
        targetInfo.enabled(),
        externalLabels);
  }

  @Override
  public void validate(ConfigErrors errors) {
    checkEndpoint(errors);
    headers.forEach((name, value) -> checkHeader(errors, name, value));
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
    errors.check(
        namespace.isEmpty() || PrometheusNames.isValidMetricName(namespace),
        "namespace",
        "must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    externalLabels.forEach(
        (name, value) -> {
          String key = "external_labels." + name;
          if (!PrometheusNames.isValidLabelName(name) || name.startsWith("__")) {
            errors.add(
                key,
                "is not a label name: must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __");
          } else if (value == null || value.isEmpty()) {
            errors.add(key, "must have a value");
          }
        });
    errors.check(maxBatchSizeBytes > 0, "max_batch_size_bytes", "must be > 0");
    deltaToCumulative.validate(errors.at("delta_to_cumulative"));
    tls.validateServerVerification(errors.at("tls"));
    exporterSettings().validate(errors);
  }

  private void checkEndpoint(ConfigErrors errors) {
    if (endpoint == null || endpoint.isBlank()) {
      errors.add("endpoint", "is required");
      return;
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      errors.add("endpoint", "\"" + endpoint + "\" is not a URL: " + e.getReason());
      return;
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      errors.add("endpoint", "\"" + endpoint + "\" must be an http:// or https:// URL");
    } else if (uri.getHost() == null) {
      errors.add("endpoint", "\"" + endpoint + "\" has no host");
    }
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
