package dev.tailgate.exporter.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code exporters.otlp}: forwards every signal over OTLP/gRPC, with the Collector's keys. */
public record OtlpExporterConfig(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("tls") OtlpTlsConfig tls,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("compression") String compression,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure)
    implements Validatable {

  public static final String GZIP = "gzip";
  public static final String NONE = "none";

  public OtlpExporterConfig {
    tls = (tls == null ? OtlpTlsConfig.DEFAULT : tls).withInsecureDefault(startsWithHttp(endpoint));
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    compression = compression == null ? GZIP : compression;
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

  public boolean gzip() {
    return GZIP.equals(compression);
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
    errors.check(GZIP.equals(compression) || NONE.equals(compression), "compression", "must be gzip or none");
    errors.check(timeout.toNanos() > 0, "timeout", "must be > 0");
    sendingQueue.validate(errors);
    retryOnFailure.validate(errors);
  }

  private static boolean startsWithHttp(String endpoint) {
    try {
      return OtlpTarget.schemeOf(endpoint) == OtlpTarget.Scheme.HTTP;
    } catch (IllegalArgumentException e) {
      return false; // reported by validate
    }
  }
}
