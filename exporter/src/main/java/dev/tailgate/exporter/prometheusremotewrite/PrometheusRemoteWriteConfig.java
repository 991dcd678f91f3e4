package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exporters.prometheusremotewrite}: pushes metrics to a Prometheus remote-write endpoint
 * (1.0, or 2.0 as {@code protobuf_message} says). Takes every key of the Collector's exporter;
 * those that cannot act here are warned ({@link CollectorOnlyKeys}).
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
    @JsonProperty("resource_constant_labels") ResourceToTelemetryConfig resourceConstantLabels,
    @JsonProperty("target_info") TargetInfoConfig targetInfo,
    @JsonProperty("delta_to_cumulative") DeltaToCumulativeConfig deltaToCumulative,
    @JsonProperty("max_batch_size_bytes") Integer maxBatchSizeBytes,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("remote_write_queue") RemoteWriteQueueConfig remoteWriteQueue,
    @JsonProperty("max_batch_request_parallelism") Integer maxBatchRequestParallelism,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("translation_strategy") String translationStrategy,
    @JsonProperty("protobuf_message") String protobufMessage,
    @JsonProperty("compression") String compression,
    @JsonProperty("disable_scope_info") Boolean disableScopeInfo,
    @JsonProperty("send_metadata") Boolean sendMetadata,
    @JsonProperty("export_created_metric") CreatedMetricConfig exportCreatedMetric,
    @JsonProperty("include_metadata_keys") List<String> includeMetadataKeys,
    @JsonProperty("wal") WalConfig wal,
    @JsonProperty("convert_explicit_histograms_to_nhcb") Boolean convertExplicitHistogramsToNhcb,
    @JsonProperty("keep_classic_histograms") Boolean keepClassicHistograms,
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
    protobufMessage =
        protobufMessage == null || protobufMessage.isEmpty()
            ? RemoteWriteProtocol.V1.messageName()
            : protobufMessage;
    compression = compression == null ? "" : compression;
    disableScopeInfo = disableScopeInfo != null && disableScopeInfo;
    sendMetadata = sendMetadata != null && sendMetadata;
    exportCreatedMetric =
        exportCreatedMetric == null ? new CreatedMetricConfig(null) : exportCreatedMetric;
    includeMetadataKeys =
        includeMetadataKeys == null ? List.of() : List.copyOf(includeMetadataKeys);
    addScopeLabels = addScopeLabels == null || addScopeLabels;
    resourceToTelemetryConversion =
        resourceToTelemetryConversion == null
            ? ResourceToTelemetryConfig.DEFAULT
            : resourceToTelemetryConversion;
    resourceConstantLabels =
        resourceConstantLabels == null ? ResourceToTelemetryConfig.DEFAULT : resourceConstantLabels;
    targetInfo = targetInfo == null ? TargetInfoConfig.DEFAULT : targetInfo;
    deltaToCumulative =
        deltaToCumulative == null ? DeltaToCumulativeConfig.DEFAULT : deltaToCumulative;
    // 0 means the default, as in the Collector.
    maxBatchSizeBytes =
        maxBatchSizeBytes == null || maxBatchSizeBytes == 0 ? 3_000_000 : maxBatchSizeBytes;
    tls = tls == null ? ClientTlsConfig.DEFAULT : tls;
    timeout = DEFAULTS.timeoutOr(timeout);
    retryOnFailure = DEFAULTS.retryOr(retryOnFailure);
  }

  /**
   * The endpoint as a URI ({@code http://} put in front of a bare {@code host:port}); only valid
   * after {@link #validate} found no problem.
   */
  public URI endpointUri() {
    return RemoteWriteEndpoint.uri(endpoint);
  }

  /**
   * The exporter helper's queue: {@code sending_queue} as written, else the one {@code
   * remote_write_queue} stands for, else {@link #DEFAULT_QUEUE}.
   */
  public QueueConfig queue() {
    if (sendingQueue == null && remoteWriteQueue != null) {
      return remoteWriteQueue.toSendingQueue();
    }
    return DEFAULTS.queueOr(sendingQueue);
  }

  /**
   * How many parts of a split batch are posted at once: {@code max_batch_request_parallelism}, else
   * {@code remote_write_queue.num_consumers} (5 by default), as in the Collector.
   */
  public int requestParallelism() {
    if (maxBatchRequestParallelism != null) {
      return maxBatchRequestParallelism;
    }
    RemoteWriteQueueConfig rwq =
        remoteWriteQueue == null ? RemoteWriteQueueConfig.DEFAULT : remoteWriteQueue;
    return Math.max(rwq.numConsumers(), 1);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, queue(), retryOnFailure);
  }

  /**
   * The remote-write protocol {@code protobuf_message} names; only valid after {@link #validate}.
   */
  RemoteWriteProtocol protocol() {
    return RemoteWriteProtocol.of(protobufMessage).orElseThrow();
  }

  /**
   * {@code translation_strategy} when written (it wins over {@code add_metric_suffixes}), else the
   * strategy {@code add_metric_suffixes} stands for; only valid after {@link #validate}.
   */
  TranslationStrategy strategy() {
    if (translationStrategy == null || translationStrategy.isEmpty()) {
      return addMetricSuffixes
          ? TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES
          : TranslationStrategy.UNDERSCORE_ESCAPING_WITHOUT_SUFFIXES;
    }
    return TranslationStrategy.of(translationStrategy).orElseThrow();
  }

  /** The translation rules this config asks for. */
  public TranslationSettings translationSettings() {
    // The Collector sanitizes the namespace with the name ("test-space" -> "test_space_...").
    TranslationStrategy strategy = strategy();
    return new TranslationSettings(
        namespace.isEmpty() || !strategy.escapes()
            ? namespace
            : PrometheusNames.metricName(namespace),
        strategy.addsSuffixes(),
        addScopeLabels && !disableScopeInfo,
        resourceConstantLabels.isEmpty()
            ? resourceToTelemetryConversion.selection()
            : resourceConstantLabels.selection(),
        targetInfo.enabled(),
        strategy.escapes() ? escapedExternalLabels() : externalLabels,
        strategy.escapes());
  }

  /**
   * External label names made valid as the Collector does ({@code cluster-name} → {@code
   * cluster_name}), a leading {@code __} kept.
   */
  private Map<String, String> escapedExternalLabels() {
    Map<String, String> escaped = new LinkedHashMap<>();
    externalLabels.forEach(
        (name, value) ->
            escaped.put(
                name.startsWith("__") && name.length() > 2
                    ? "__" + PrometheusNames.labelName(name.substring(2))
                    : PrometheusNames.labelName(name),
                value));
    return escaped;
  }

  @Override
  public void validate(ConfigErrors errors) {
    RemoteWriteEndpoint.check(endpoint, errors);
    headers.forEach((name, value) -> checkHeader(errors, name, value));
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
    externalLabels.forEach(
        (name, value) -> {
          errors.check(!name.isEmpty(), "external_labels", "has a label without a name");
          errors.check(
              value != null && !value.isEmpty(), "external_labels." + name, "must have a value");
        });
    errors.check(maxBatchSizeBytes > 0, "max_batch_size_bytes", "must be > 0");
    resourceToTelemetryConversion.validate(errors.at("resource_to_telemetry_conversion"), false);
    resourceConstantLabels.validate(errors.at("resource_constant_labels"), true);
    errors.check(
        resourceToTelemetryConversion.isEmpty() || resourceConstantLabels.isEmpty(),
        "resource_constant_labels",
        "cannot go with resource_to_telemetry_conversion (its older form); keep one");
    errors.check(
        maxBatchRequestParallelism == null || maxBatchRequestParallelism >= 1,
        "max_batch_request_parallelism",
        "must be >= 1");
    errors.check(
        compression.isEmpty() || compression.equals("snappy"),
        "compression",
        "must be snappy (remote write compresses with snappy only), not \"" + compression + "\"");
    checkProtocol(errors);
    IncludedMetadataKeys.check(includeMetadataKeys, errors.at("include_metadata_keys"));
    if (remoteWriteQueue != null) {
      remoteWriteQueue.validate(errors.at("remote_write_queue"));
      errors.check(
          sendingQueue == null,
          "remote_write_queue",
          "cannot go with sending_queue: both configure the same queue; keep one");
    }
    CollectorOnlyKeys.warn(this, errors);
    deltaToCumulative.validate(errors.at("delta_to_cumulative"));
    tls.validateServerVerification(errors.at("tls"));
    exporterSettings().validate(errors);
  }

  private void checkProtocol(ConfigErrors errors) {
    if (RemoteWriteProtocol.of(protobufMessage).isEmpty()) {
      errors.add(
          "protobuf_message",
          "unknown remote write protobuf message \""
              + protobufMessage
              + "\"; supported: "
              + RemoteWriteProtocol.V1.messageName()
              + ", "
              + RemoteWriteProtocol.V2.messageName());
      return;
    }
    if (translationStrategy == null || translationStrategy.isEmpty()) {
      return;
    }
    TranslationStrategy.of(translationStrategy)
        .ifPresentOrElse(
            strategy ->
                errors.check(
                    strategy.escapes() || protocol() == RemoteWriteProtocol.V2,
                    "translation_strategy",
                    strategy.configName()
                        + " requires Prometheus Remote Write 2.0 (UTF-8 names); remote write 1.0"
                        + " takes UnderscoreEscapingWithSuffixes or"
                        + " UnderscoreEscapingWithoutSuffixes"),
            () ->
                errors.add(
                    "translation_strategy",
                    "must be one of "
                        + TranslationStrategy.names()
                        + ", not \""
                        + translationStrategy
                        + "\""));
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
