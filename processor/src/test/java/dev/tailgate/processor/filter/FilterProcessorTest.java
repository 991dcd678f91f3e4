package dev.tailgate.processor.filter;

import static dev.tailgate.processor.filter.FilterFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {
  private static final String HEALTH_CHECKS =
      "traces: { span: ['attributes[\"http.route\"] == \"/healthz\"'] }";

  @Test
  void dropsMatchingSpansAndKeepsTheOthers() {
    var run = new FilterFixtures.Run<>(HEALTH_CHECKS, Signal.TRACES);

    run.processor.consume(
        Batches.of(
            traces(
                List.of(span("health", "/healthz"), span("cart", "/cart")),
                List.of(span("pay", "/pay")))));

    assertThat(names(run.only())).containsExactly("cart", "pay");
    assertThat(run.passed.get(0).items()).isEqualTo(2);
    assertThat(run.counted("tailgate.processor.filter.dropped.spans")).isEqualTo(1);
  }

  @Test
  void aBatchWithNothingMatchedPassesOnAsTheSameBatchAndBytes() {
    var run = new FilterFixtures.Run<>(HEALTH_CHECKS, Signal.TRACES);
    var arrived = Batches.wire(Signal.TRACES, traces(List.of(span("cart", "/cart"))), Lease.NONE);

    run.processor.consume(arrived);

    assertThat(run.passed).singleElement().isSameAs(arrived);
    assertThat(run.passed.get(0).wire()).isSameAs(arrived.wire());
  }

  @Test
  void resourcesAndScopesLeftEmptyAreRemoved() {
    var run = new FilterFixtures.Run<>(HEALTH_CHECKS, Signal.TRACES);

    run.processor.consume(
        Batches.of(traces(List.of(span("health", "/healthz")), List.of(span("cart", "/cart")))));

    assertThat(run.only().getResourceSpansList())
        .singleElement()
        .satisfies(r -> assertThat(r.getScopeSpansCount()).isEqualTo(1));
  }

  @Test
  void aBatchWithEverythingDroppedIsReleasedNotPassedOn() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    var run = new FilterFixtures.Run<>(HEALTH_CHECKS, Signal.TRACES);

    run.processor.consume(
        Batches.wire(
            Signal.TRACES, traces(List.of(span("health", "/healthz"))), budget.tryReserve(100)));

    assertThat(run.passed).isEmpty();
    assertThat(budget.used()).isZero();
  }

  @Test
  void dropsMatchingSpanEventsAndKeepsTheSpan() {
    var run =
        new FilterFixtures.Run<>("traces: { spanevent: ['name == \"debug\"'] }", Signal.TRACES);
    var span =
        span("cart", "/cart").toBuilder()
            .addEvents(Span.Event.newBuilder().setName("debug"))
            .addEvents(Span.Event.newBuilder().setName("exception"))
            .build();

    run.processor.consume(Batches.of(traces(List.of(span))));

    Span out = run.only().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(out.getEventsList()).extracting(Span.Event::getName).containsExactly("exception");
    assertThat(run.counted("tailgate.processor.filter.dropped.span_events")).isEqualTo(1);
  }

  @Test
  void dropsLogRecordsBelowInfo() {
    var run =
        new FilterFixtures.Run<>(
            "logs: { log_record: ['severity_number < SEVERITY_NUMBER_INFO'] }", Signal.LOGS);
    var logs =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(log("noise", SeverityNumber.SEVERITY_NUMBER_DEBUG))
                            .addLogRecords(
                                log("order placed", SeverityNumber.SEVERITY_NUMBER_INFO))))
            .build();

    run.processor.consume(Batches.of(logs));

    assertThat(run.only().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("order placed");
    assertThat(run.counted("tailgate.processor.filter.dropped.log_records")).isEqualTo(1);
  }

  @Test
  void dropsMatchingDataPointsAndAMetricLeftWithoutPoints() {
    var run =
        new FilterFixtures.Run<>(
            "metrics: { datapoint: ['attributes[\"host\"] == \"test\"'], metric: ['name =="
                + " \"noisy\"'] }",
            Signal.METRICS);
    var metrics =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(gauge("queue", point("test", 1), point("prod", 2)))
                            .addMetrics(gauge("only.test", point("test", 3)))
                            .addMetrics(gauge("noisy", point("prod", 4)))))
            .build();

    run.processor.consume(Batches.of(metrics));

    var kept = run.only().getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
    assertThat(kept).extracting(Metric::getName).containsExactly("queue");
    assertThat(kept.get(0).getGauge().getDataPointsList())
        .extracting(NumberDataPoint::getAsInt)
        .containsExactly(2L);
    assertThat(run.counted("tailgate.processor.filter.dropped.datapoints")).isEqualTo(2);
    assertThat(run.counted("tailgate.processor.filter.dropped.metrics")).isEqualTo(1);
  }

  @Test
  void theDeprecatedSpansIncludeKeepsOnlyWhatMatchesAndExcludeDropsWhatMatches() {
    var run =
        new FilterFixtures.Run<>(
            """
            spans:
              include: { match_type: strict, span_names: [cart, pay, health] }
              exclude:
                match_type: regexp
                attributes: [ { key: http.route, value: "^/health" } ]
            """,
            Signal.TRACES);

    run.processor.consume(
        Batches.of(
            traces(
                List.of(span("health", "/healthz"), span("cart", "/cart")),
                List.of(span("pay", "/pay"), span("other", "/other")))));

    assertThat(names(run.only())).containsExactly("cart", "pay");
  }

  @Test
  void theDeprecatedMetricsExcludeDropsMetricsWhoseNameMatches() {
    var run =
        new FilterFixtures.Run<>(
            "metrics: { exclude: { match_type: regexp, metric_names: ['^jvm\\.', '_total$'] } }",
            Signal.METRICS);
    var metrics =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(gauge("jvm.gc", point("a", 1)))
                            .addMetrics(gauge("jvmx", point("a", 2)))
                            .addMetrics(gauge("requests_total", point("a", 3)))))
            .build();

    run.processor.consume(Batches.of(metrics));

    assertThat(run.only().getResourceMetrics(0).getScopeMetrics(0).getMetricsList())
        .extracting(Metric::getName)
        .containsExactly("jvmx");
  }

  @Test
  void theDeprecatedLogsIncludeKeepsRecordsFromTheMinimumSeverityUp() {
    var run =
        new FilterFixtures.Run<>(
            "logs: { include: { match_type: strict, severity_number: { min: warn } } }",
            Signal.LOGS);
    var logs =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(log("chatty", SeverityNumber.SEVERITY_NUMBER_INFO))
                            .addLogRecords(log("careful", SeverityNumber.SEVERITY_NUMBER_WARN))
                            .addLogRecords(log("broken", SeverityNumber.SEVERITY_NUMBER_ERROR))))
            .build();

    run.processor.consume(Batches.of(logs));

    assertThat(run.only().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("careful", "broken");
  }

  @Test
  void aSignalWithoutConditionsIsPassedOnWithoutParsing() {
    var run = new FilterFixtures.Run<>(HEALTH_CHECKS, Signal.LOGS);
    var arrived =
        Batches.wire(Signal.LOGS, ExportLogsServiceRequest.getDefaultInstance(), Lease.NONE);

    run.processor.consume(arrived);

    assertThat(run.passed).singleElement().isSameAs(arrived);
  }

  private static final String FAILING =
      "traces: { span: ['Len(attributes[\"n\"]) > 1', 'name == \"health\"'] }";

  @Test
  void underPropagateAFailingConditionRefusesTheBatch() {
    var run = new FilterFixtures.Run<>("error_mode: propagate\n" + FAILING, Signal.TRACES);

    assertThatThrownBy(
            () -> run.processor.consume(Batches.of(traces(List.of(spanWithIntN("cart"))))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("Len: cannot take the length of a int");
    assertThat(run.passed).isEmpty();
    assertThat(run.counted("tailgate.processor.filter.errors")).isEqualTo(1);
  }

  @Test
  void underIgnoreAFailingConditionCountsAsFalseAndTheNextIsTried() {
    for (String mode : List.of("ignore", "silent")) {
      var run = new FilterFixtures.Run<>("error_mode: " + mode + "\n" + FAILING, Signal.TRACES);

      run.processor.consume(
          Batches.of(traces(List.of(spanWithIntN("health"), spanWithIntN("cart")))));

      assertThat(names(run.only())).as(mode).containsExactly("cart");
      assertThat(run.counted("tailgate.processor.filter.errors")).as(mode).isEqualTo(2);
    }
  }

  private static Span span(String name, String route) {
    return Span.newBuilder().setName(name).addAttributes(str("http.route", route)).build();
  }

  private static Span spanWithIntN(String name) {
    return Span.newBuilder()
        .setName(name)
        .addAttributes(
            KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(5)))
        .build();
  }

  @SafeVarargs
  private static ExportTraceServiceRequest traces(List<Span>... resources) {
    var request = ExportTraceServiceRequest.newBuilder();
    for (List<Span> spans : resources) {
      request.addResourceSpans(
          ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)));
    }
    return request.build();
  }

  private static List<String> names(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }

  private static LogRecord log(String body, SeverityNumber severity) {
    return LogRecord.newBuilder()
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .setSeverityNumber(severity)
        .build();
  }

  private static Metric gauge(String name, NumberDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points)))
        .build();
  }

  private static NumberDataPoint point(String host, long value) {
    return NumberDataPoint.newBuilder().addAttributes(str("host", host)).setAsInt(value).build();
  }
}
