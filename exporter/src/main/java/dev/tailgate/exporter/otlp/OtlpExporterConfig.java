package dev.tailgate.exporter.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.exporter.otlp.compression.ChannelCompression;
import dev.tailgate.exporter.otlp.compression.GrpcCompression;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.client.grpc.GrpcHeaders;
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
    @JsonProperty("auth") AuthConfig auth)
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
