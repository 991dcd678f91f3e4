package dev.tailgate.bench.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.processor.redaction.RedactionConfig;
import dev.tailgate.processor.redaction.RedactionProcessorFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The redaction processor on the bench payload (100 spans × 10 attributes, plus 6 resource
 * attributes), reported in ns per span: one operation is one span, so spans/s = 1e9 / score.
 * Compare with {@code ProtobufFloorBenchmark} divided by 100.
 *
 * <p>{@code rules}: {@code value_patterns} is allow_all_keys plus the five named patterns
 * (credit_card, email, bearer_token, aws_access_key, ipv4); {@code blocked_values} is the same five
 * as plain regexes, which cannot be pre-screened and run on every string. {@code secretEvery}: 0
 * for clean data (the batch passes as the same bytes), N for an email attribute on every Nth span
 * (those spans are parsed, redacted and encoded again, their parents get new lengths).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedactionBenchmark {
  private static final int SPANS = 100;

  private static final String VALUE_PATTERNS =
      "{\"allow_all_keys\": true, \"value_patterns\": [\"credit_card\", \"email\","
          + " \"bearer_token\", \"aws_access_key\", \"ipv4\"]}";

  private static final String BLOCKED_VALUES =
      "{\"allow_all_keys\": true, \"blocked_values\": ["
          + "\"\\\\b[2-6](?:[ -]?[0-9]){12,18}\\\\b\","
          + " \"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\\\.[A-Za-z0-9-]+)+\","
          + " \"[Bb]earer\\\\s+[A-Za-z0-9._~+/-]{8,}=*\","
          + " \"(?:AKIA|ASIA)[A-Z0-9]{16}\","
          + " \"\\\\b(?:[0-9]{1,3}\\\\.){3}[0-9]{1,3}\\\\b\"]}";

  @Param({"value_patterns", "blocked_values"})
  public String rules;

  @Param({"0", "10"})
  public int secretEvery;

  private ByteString encoded;
  private Processor<ExportTraceServiceRequest> processor;
  private ByteString passedOn;

  @Setup
  public void setUp() throws Exception {
    // Handed over as the receivers hand data on: the received bytes, not parsed.
    encoded = withSecrets(new PayloadFactory(SPANS, 10).create(42), secretEvery).toByteString();
    ConfigErrors errors = new ConfigErrors();
    String json = rules.equals("value_patterns") ? VALUE_PATTERNS : BLOCKED_VALUES;
    RedactionConfig config =
        new ConfigBinder()
            .bind(new ObjectMapper().readTree(json), RedactionConfig.class, "redaction", errors)
            .orElse(null);
    errors.throwIfAny();
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse("redaction"),
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            (endpoint, tls, servlet, paths) -> {
              throw new UnsupportedOperationException("no HTTP in a benchmark");
            },
            Duration.ofSeconds(1));
    processor =
        new RedactionProcessorFactory()
            .create(settings, config, Signal.TRACES, batch -> passedOn = batch.wire());
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public ByteString redact() {
    processor.consume(Batch.ofWire(Signal.TRACES, encoded, SPANS, Lease.NONE));
    return passedOn;
  }

  private static ExportTraceServiceRequest withSecrets(
      ExportTraceServiceRequest request, int every) {
    if (every <= 0) {
      return request;
    }
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    ScopeSpans.Builder scope = builder.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    for (int i = 0; i < scope.getSpansCount(); i += every) {
      Span.Builder span = scope.getSpansBuilder(i);
      span.addAttributes(
          KeyValue.newBuilder()
              .setKey("enduser.email")
              .setValue(AnyValue.newBuilder().setStringValue("user" + i + "@example.org")));
    }
    return builder.build();
  }
}
