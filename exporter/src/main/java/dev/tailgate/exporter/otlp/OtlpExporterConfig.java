package dev.tailgate.exporter.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.exporter.otlp.compression.ChannelCompression;
import dev.tailgate.exporter.otlp.compression.GrpcCompression;
import dev.tailgate.pipeline.auth.AuthConfig;
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
    tls = (tls == null ? ClientTlsConfig.DEFAULT : tls).withInsecureDefault(startsWithHttp(endpoint));
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    compression = compression == null ? DEFAULT_COMPRESSION : compression;
    compressionParams = compressionParams == null ? CompressionParams.DEFAULT : compressionParams;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
    retryOnFailure = retryOnFailure == null ? RetryConfig.DEFAULT : retryOnFailure;
  }

  /** The parsed endpoint; only valid after {@link #validate} found no problem. */
  OtlpTarget target() {
    return OtlpTarget.parse(endpoint);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  /** The codecs of the channel; only valid after {@link #validate} found no problem. */
  ChannelCompression channelCompression() {
    return ChannelCompression.of(GrpcCompression.named(compression).orElseThrow(), compressionParams.level());
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (endpoint == null || endpoint.isBlank()) {
      errors.add("endpoint", "is required");
    } else {
      try {
        OtlpTarget.parse(endpoint);
      } catch (IllegalArgumentException e) {
        errors.add("endpoint", e.getMessage());
      }
    }
    tls.validate(errors.at("tls"));
    GrpcHeaders.validate(errors, headers);
    validateCompression(errors);
    errors.check(timeout.toNanos() > 0, "timeout", "must be > 0");
    sendingQueue.validate(errors);
    retryOnFailure.validate(errors);
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
  }

  private void validateCompression(ConfigErrors errors) {
    Optional<GrpcCompression> named = GrpcCompression.named(compression);
    if (named.isEmpty()) {
      errors.add("compression", "must be " + GrpcCompression.choices() + ", not \"" + compression + "\"");
      return;
    }
    Integer level = compressionParams.level();
    if (level != null) {
      named.get().levelProblem(level).ifPresent(problem -> errors.add("compression_params.level", problem));
    }
  }

  private static boolean startsWithHttp(String endpoint) {
    try {
      return OtlpTarget.schemeOf(endpoint) == OtlpTarget.Scheme.HTTP;
    } catch (IllegalArgumentException e) {
      return false; // reported by validate
    }
  }
}
