package dev.tailgate.exporter.jaeger;

import dev.tailgate.pipeline.tls.ClientTlsConfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.exporter.otlp.GrpcHeaders;
import dev.tailgate.exporter.otlp.OtlpTarget;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code exporters.jaeger}: sends traces to a Jaeger collector's gRPC port ({@code
 * CollectorService/PostSpans}, 14250 by default), with the keys of the Collector's former jaeger
 * exporter. The connection keys mean what they mean for the otlp exporter.
 */
public record JaegerExporterConfig(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure)
    implements Validatable {

  public JaegerExporterConfig {
    tls = (tls == null ? ClientTlsConfig.DEFAULT : tls).withInsecureDefault(startsWithHttp(endpoint));
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
    retryOnFailure = retryOnFailure == null ? RetryConfig.DEFAULT : retryOnFailure;
  }

  /** The parsed endpoint; only valid after {@link #validate} found no problem. */
  OtlpTarget target() {
    return OtlpTarget.parse(endpoint);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (endpoint == null || endpoint.isBlank()) {
      errors.add("endpoint", "is required (the Jaeger collector's gRPC host:port, e.g. jaeger-collector:14250)");
    } else {
      try {
        OtlpTarget.parse(endpoint);
      } catch (IllegalArgumentException e) {
        errors.add("endpoint", e.getMessage());
      }
    }
    tls.validate(errors.at("tls"));
    GrpcHeaders.validate(errors, headers);
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
