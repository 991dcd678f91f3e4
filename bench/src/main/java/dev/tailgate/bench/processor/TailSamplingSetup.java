package dev.tailgate.bench.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.processor.tailsampling.TailSamplingConfig;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import dev.tailgate.processor.tailsampling.TailSamplingProcessorFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/** A tail_sampling processor as the gateway builds it, with the benchmarks' five policies. */
final class TailSamplingSetup {
  /**
   * Five policies of the common kinds, matching a share of the PayloadFactory traces: errors (about
   * one span in twenty fails), slow traces, a route, server errors by status code, and 10% of the
   * rest.
   */
  static final String FIVE_POLICIES =
      """
      [ {"name": "errors", "type": "status_code", "status_code": {"status_codes": ["ERROR"]}},
        {"name": "slow", "type": "latency", "latency": {"threshold_ms": 240}},
        {"name": "checkout", "type": "string_attribute",
         "string_attribute": {"key": "http.route", "values": ["/api/checkout"]}},
        {"name": "server errors", "type": "numeric_attribute",
         "numeric_attribute": {"key": "http.response.status_code", "min_value": 500, "max_value": 599}},
        {"name": "baseline", "type": "probabilistic", "probabilistic": {"sampling_percentage": 10}} ]
      """;

  private TailSamplingSetup() {}

  static TailSamplingConfig config(
      long decisionWaitMillis, int numTraces, int maxBufferedSpans, boolean markSpans) {
    String json =
        "{\"decision_wait\": \""
            + decisionWaitMillis
            + "ms\", \"num_traces\": "
            + numTraces
            + ", \"max_buffered_spans\": "
            + maxBufferedSpans
            + ", \"policy_attribute\": "
            + markSpans
            + ", \"tracestate_threshold\": "
            + markSpans
            + ", \"policies\": "
            + FIVE_POLICIES
            + "}";
    ConfigErrors errors = new ConfigErrors();
    try {
      TailSamplingConfig config =
          new ConfigBinder()
              .bind(
                  new ObjectMapper().readTree(json),
                  TailSamplingConfig.class,
                  "processors.tail_sampling",
                  errors)
              .orElse(null);
      errors.throwIfAny();
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TailSamplingProcessor processor(
      TailSamplingConfig config, Clock clock, Consumer<ExportTraceServiceRequest> next) {
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse("tail_sampling"),
            new SimpleMeterRegistry(),
            clock,
            (endpoint, tls, servlet, paths) -> {
              throw new UnsupportedOperationException("no HTTP in benchmarks");
            },
            Duration.ofSeconds(5));
    Processor<ExportTraceServiceRequest> processor =
        new TailSamplingProcessorFactory().create(settings, config, Signal.TRACES, next);
    return (TailSamplingProcessor) processor;
  }
}
