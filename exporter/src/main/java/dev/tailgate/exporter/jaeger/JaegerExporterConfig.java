package dev.tailgate.exporter.jaeger;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    tls =
        (tls == null ? ClientTlsConfig.DEFAULT : tls)
            .withInsecureDefault(GrpcTarget.plaintextByDefault(endpoint));
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    timeout = ExporterSettings.DEFAULTS.timeoutOr(timeout);
    sendingQueue = ExporterSettings.DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = ExporterSettings.DEFAULTS.retryOr(retryOnFailure);
  }

  /** The parsed endpoint; only valid after {@link #validate} found no problem. */
  GrpcTarget target() {
    return GrpcTarget.parse(endpoint);
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  @Override
  public void validate(ConfigErrors errors) {
    GrpcTarget.validate(
        errors,
        "endpoint",
        endpoint,
        "is required (the Jaeger collector's gRPC host:port, e.g. jaeger-collector:14250)");
    tls.validate(errors.at("tls"));
    GrpcHeaders.validate(errors, headers);
    exporterSettings().validate(errors);
  }
}
