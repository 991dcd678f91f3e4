package dev.tailgate.exporter.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.otlp.compression.ChannelCompression;
import dev.tailgate.exporter.otlp.compression.GrpcCompression;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.client.grpc.GrpcChannelOptions;
import dev.tailgate.pipeline.client.grpc.GrpcHeaders;
import dev.tailgate.pipeline.client.grpc.GrpcKeepalive;
import dev.tailgate.pipeline.client.grpc.GrpcTarget;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code exporters.otlp}: forwards every signal over OTLP/gRPC, with the Collector's keys. */
public record OtlpExporterConfig(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("compression") String compression,
    @JsonProperty("compression_params") CompressionParams compressionParams,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("keepalive") GrpcKeepalive keepalive,
    @JsonProperty("balancer_name") String balancerName,
    @JsonProperty("authority") String authority,
    @JsonProperty("wait_for_ready") Boolean waitForReady,
    @JsonProperty("user_agent") String userAgent,
    @JsonProperty("read_buffer_size") Integer readBufferSize,
    @JsonProperty("write_buffer_size") Integer writeBufferSize,
    @JsonProperty("middlewares") List<JsonNode> middlewares)
    implements Validatable {

  /** gzip, as the Collector's exporters default to. */
  public static final String DEFAULT_COMPRESSION = "gzip";

  public OtlpExporterConfig {
    tls =
        (tls == null ? ClientTlsConfig.DEFAULT : tls)
            .withInsecureDefault(GrpcTarget.plaintextByDefault(endpoint));
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    compression = compression == null ? DEFAULT_COMPRESSION : compression;
    compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
    timeout = ExporterSettings.DEFAULTS.timeoutOr(timeout);
    sendingQueue = ExporterSettings.DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = ExporterSettings.DEFAULTS.retryOr(retryOnFailure);
    // The Collector's configgrpc default; with a single address it behaves as pick_first.
    balancerName = balancerName == null || balancerName.isEmpty() ? "round_robin" : balancerName;
    waitForReady = waitForReady != null && waitForReady;
    middlewares = middlewares == null ? List.of() : List.copyOf(middlewares);
  }

  /** How the channel behaves: keepalive, load balancing, authority, wait for ready, user agent. */
  GrpcChannelOptions channelOptions() {
    return new GrpcChannelOptions(keepalive, balancerName, authority, waitForReady, userAgent);
  }

  /** The parsed endpoint; only valid after {@link #validate} found no problem. */
  GrpcTarget target() {
    return GrpcTarget.parse(endpoint);
  }

  /**
   * The headers the channel attaches to every call itself: all of them without {@code auth}. With
   * it, {@link CallHeaders} attaches them per tenant, as the client extension changes them.
   */
  Map<String, String> channelHeaders() {
    return auth == null ? headers : Map.of();
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  /** The codecs of the channel; only valid after {@link #validate} found no problem. */
  ChannelCompression channelCompression() {
    return ChannelCompression.of(
        GrpcCompression.named(compression).orElseThrow(), compressionParams.level());
  }

  @Override
  public void validate(ConfigErrors errors) {
    GrpcTarget.validate(errors, "endpoint", endpoint, "is required");
    tls.validate(errors.at("tls"));
    GrpcHeaders.validate(errors, headers);
    validateCompression(errors);
    exporterSettings().validate(errors);
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
    validateChannelKeys(errors);
  }

  private void validateChannelKeys(ConfigErrors errors) {
    if (keepalive != null) {
      keepalive.validate(errors.at("keepalive"));
    }
    errors.check(
        GrpcChannelOptions.BALANCERS.contains(balancerName),
        "balancer_name",
        "must be one of " + GrpcChannelOptions.BALANCERS + ", not \"" + balancerName + "\"");
    String netty = "has no effect here: Netty sizes the connection's buffers itself";
    if (readBufferSize != null) {
      errors.check(readBufferSize >= 0, "read_buffer_size", "must be >= 0");
      errors.warn("read_buffer_size", netty);
    }
    if (writeBufferSize != null) {
      errors.check(writeBufferSize >= 0, "write_buffer_size", "must be >= 0");
      errors.warn("write_buffer_size", netty);
    }
    if (!middlewares.isEmpty()) {
      errors.warn("middlewares", "has no effect here: Tailgate has no middleware extensions");
    }
  }

  private void validateCompression(ConfigErrors errors) {
    Optional<GrpcCompression> named = GrpcCompression.named(compression);
    if (named.isEmpty()) {
      errors.add(
          "compression", "must be " + GrpcCompression.choices() + ", not \"" + compression + "\"");
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
}
