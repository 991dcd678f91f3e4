package dev.tailgate.processor.ottl;

import static dev.tailgate.processor.ottl.OttlItems.RESOURCE;
import static dev.tailgate.processor.ottl.OttlItems.SCOPE;
import static dev.tailgate.processor.ottl.OttlItems.eval;
import static dev.tailgate.processor.ottl.OttlItems.span;
import static dev.tailgate.processor.ottl.OttlItems.spanItem;
import static dev.tailgate.processor.ottl.OttlItems.str;
import static dev.tailgate.processor.ottl.OttlItems.syntaxError;
import static dev.tailgate.processor.ottl.OttlItems.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paths of each context, evaluated on OTLP messages. */
class OttlContextsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "name == \"GET /cart\"",
        "span.name == \"GET /cart\"",
        "kind == SPAN_KIND_SERVER",
        "kind == 2",
        "kind.string == \"Server\"",
        "status.code == STATUS_CODE_ERROR",
        "status.message == \"boom\"",
        "attributes[\"http.route\"] == \"/cart\"",
        "attributes[\"http.status_code\"] >= 500",
        "attributes[\"ratio\"] < 0.5",
        "attributes[\"cached\"] == false",
        "attributes[\"tags\"][1] == \"b\"",
        "attributes[\"tags\"] == [\"a\", \"b\"]",
        "attributes[\"user\"][\"id\"] == \"u-1\"",
        "attributes[\"missing\"] == nil",
        "attributes[\"tags\"][7] == nil",
        "Len(attributes) == 6",
        "resource.attributes[\"service.name\"] == \"checkout\"",
        "instrumentation_scope.name == \"io.test\" and instrumentation_scope.version == \"1.2\"",
        "trace_id.string == \"5b8efff798038103d269b633813fc60c\"",
        "trace_id == 0x5b8efff798038103d269b633813fc60c",
        "span_id.string == \"eee19b7ec3c1b174\"",
        "parent_span_id.string == \"\"",
        "start_time_unix_nano == 1000000000 and end_time_unix_nano == 2500000000",
        "duration > 1000000000",
        "IsMatch(attributes[\"http.route\"], \"^/ca\")",
        "IsMatch(resource.attributes[\"service.name\"], \"check\")",
        "Concat([resource.attributes[\"service.name\"], name], \" \") == \"checkout GET /cart\""
      })
  void spanPathsReadTheSpanItsResourceAndScope(String condition) {
    assertThat(eval(condition, OttlContext.SPAN, spanItem())).as(condition).isTrue();
  }

  @Test
  void spanEventPathsReadTheEventAndItsSpan() {
    var event =
        Span.Event.newBuilder()
            .setName("exception")
            .setTimeUnixNano(7)
            .addAttributes(str("exception.type", "IOError"))
            .build();
    var item = new SpanEventItem(spanItem(), event);

    assertThat(eval("name == \"exception\" and time_unix_nano == 7", OttlContext.SPANEVENT, item))
        .isTrue();
    assertThat(eval("attributes[\"exception.type\"] == \"IOError\"", OttlContext.SPANEVENT, item))
        .isTrue();
    assertThat(
            eval(
                "span.name == \"GET /cart\" and span.status.code == STATUS_CODE_ERROR",
                OttlContext.SPANEVENT,
                item))
        .isTrue();
    assertThat(eval("span.attributes[\"http.route\"] == \"/cart\"", OttlContext.SPANEVENT, item))
        .isTrue();
    assertThat(
            eval(
                "resource.attributes[\"service.name\"] == \"checkout\"",
                OttlContext.SPANEVENT,
                item))
        .isTrue();
  }

  @Test
  void logPathsReadTheRecord() {
    var record =
        LogRecord.newBuilder()
            .setBody(text("cache miss"))
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_DEBUG2)
            .setSeverityText("DEBUG")
            .addAttributes(str("logger", "cache"))
            .setTraceId(span().getTraceId())
            .build();
    var item = new LogItem(RESOURCE, SCOPE, record);

    assertThat(eval("body == \"cache miss\"", OttlContext.LOG, item)).isTrue();
    assertThat(eval("log.body == \"cache miss\"", OttlContext.LOG, item)).isTrue();
    assertThat(eval("severity_number < SEVERITY_NUMBER_INFO", OttlContext.LOG, item)).isTrue();
    assertThat(eval("severity_number == SEVERITY_NUMBER_DEBUG2", OttlContext.LOG, item)).isTrue();
    assertThat(eval("severity_text == \"DEBUG\"", OttlContext.LOG, item)).isTrue();
    assertThat(eval("attributes[\"logger\"] == \"cache\"", OttlContext.LOG, item)).isTrue();
    assertThat(
            eval("trace_id.string == \"5b8efff798038103d269b633813fc60c\"", OttlContext.LOG, item))
        .isTrue();
    assertThat(eval("resource.attributes[\"service.name\"] == \"checkout\"", OttlContext.LOG, item))
        .isTrue();
  }

  @Test
  void aLogWithoutBodyHasANilBody() {
    var item = new LogItem(RESOURCE, SCOPE, LogRecord.getDefaultInstance());

    assertThat(eval("body == nil", OttlContext.LOG, item)).isTrue();
  }

  @Test
  void metricPathsReadTheMetric() {
    var metric =
        Metric.newBuilder()
            .setName("http.server.duration")
            .setDescription("how long")
            .setUnit("ms")
            .setSum(Sum.newBuilder().setIsMonotonic(true).setAggregationTemporalityValue(2))
            .build();
    var item = new MetricItem(RESOURCE, SCOPE, metric);

    assertThat(
            eval("name == \"http.server.duration\" and unit == \"ms\"", OttlContext.METRIC, item))
        .isTrue();
    assertThat(eval("description == \"how long\"", OttlContext.METRIC, item)).isTrue();
    assertThat(eval("type == METRIC_DATA_TYPE_SUM", OttlContext.METRIC, item)).isTrue();
    assertThat(
            eval(
                "aggregation_temporality == AGGREGATION_TEMPORALITY_CUMULATIVE",
                OttlContext.METRIC,
                item))
        .isTrue();
    assertThat(eval("is_monotonic == true", OttlContext.METRIC, item)).isTrue();
  }

  @Test
  void dataPointPathsReadThePointAndItsMetric() {
    var point =
        NumberDataPoint.newBuilder()
            .setAsInt(42)
            .addAttributes(str("host", "a"))
            .setTimeUnixNano(9)
            .build();
    var gauge =
        Metric.newBuilder()
            .setName("queue.size")
            .setGauge(Gauge.newBuilder().addDataPoints(point))
            .build();
    var item = new DataPointItem(new MetricItem(RESOURCE, SCOPE, gauge), point);

    assertThat(eval("value_int == 42 and value_double == nil", OttlContext.DATAPOINT, item))
        .isTrue();
    assertThat(
            eval(
                "attributes[\"host\"] == \"a\" and time_unix_nano == 9",
                OttlContext.DATAPOINT,
                item))
        .isTrue();
    assertThat(
            eval(
                "metric.name == \"queue.size\" and metric.type == METRIC_DATA_TYPE_GAUGE",
                OttlContext.DATAPOINT,
                item))
        .isTrue();
    assertThat(eval("count == nil", OttlContext.DATAPOINT, item)).isTrue();

    var histogramPoint = HistogramDataPoint.newBuilder().setCount(5).setSum(2.5).build();
    var histogram =
        Metric.newBuilder()
            .setName("h")
            .setHistogram(Histogram.newBuilder().addDataPoints(histogramPoint))
            .build();
    var histogramItem =
        new DataPointItem(new MetricItem(RESOURCE, SCOPE, histogram), histogramPoint);
    assertThat(
            eval(
                "count == 5 and sum == 2.5 and value_int == nil",
                OttlContext.DATAPOINT,
                histogramItem))
        .isTrue();
  }

  @Test
  void aPathOfAnotherContextIsASyntaxError() {
    assertThat(syntaxError("severity_number == 1", OttlContext.SPAN))
        .startsWith("at 1: unknown path 'severity_number' in the span context");
    assertThat(syntaxError("span.nme == 1", OttlContext.SPANEVENT))
        .startsWith("at 1: unknown path 'span.nme' in the spanevent context");
  }

  @Test
  void aConverterThatCannotTakeTheValueFailsTheEvaluationNotTheParse() throws Exception {
    var condition = Condition.parse("Len(attributes[\"http.status_code\"]) > 1", OttlContext.SPAN);

    assertThatThrownBy(() -> condition.matches(spanItem()))
        .isInstanceOf(OttlEvaluationException.class)
        .hasMessage("Len: cannot take the length of a int");
    var isMatch = Condition.parse("IsMatch(attributes[\"user\"], \"x\")", OttlContext.SPAN);
    assertThatThrownBy(() -> isMatch.matches(spanItem()))
        .hasMessage("IsMatch: the target is a map, not a string");
  }
}
