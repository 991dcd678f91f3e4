package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code mapping.mode: ecs}: documents with Elastic Common Schema field names, for dashboards and
 * rules built on ECS. Spans that start a local trace (no parent, or kind server or consumer) are
 * also marked as transactions, as Elastic APM does.
 */
final class EcsTranslator implements DocumentTranslator {
  private final JsonFactory json = new JsonFactory();

  @Override
  public void span(JsonGenerator out, ItemContext context, Span span) throws IOException {
    out.writeStartObject();
    EcsFields fields = new EcsFields(out);
    fields.string("@timestamp", OtlpJson.timestamp(span.getStartTimeUnixNano()));
    fields.dataStream(context.target());
    id(fields, "trace.id", span.getTraceId());
    id(fields, "span.id", span.getSpanId());
    id(fields, "parent.id", span.getParentSpanId());
    fields.string("span.name", span.getName());
    fields.string("span.kind", OtelTranslator.kindName(span.getKind()));
    if (isTransaction(span)) {
      fields.string("processor.event", "transaction");
      id(fields, "transaction.id", span.getSpanId());
      fields.string("transaction.name", span.getName());
    } else {
      fields.string("processor.event", "span");
    }
    fields.number(
        "event.duration", Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano()));
    fields.string("event.outcome", outcome(span.getStatus()));
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      fields.string("error.message", span.getStatus().getMessage());
    }
    if (span.getLinksCount() > 0 && fields.claim("span.links")) {
      out.writeStartArray();
      for (Span.Link link : span.getLinksList()) {
        out.writeStartObject();
        out.writeStringField("trace.id", OtlpJson.hex(link.getTraceId()));
        out.writeStringField("span.id", OtlpJson.hex(link.getSpanId()));
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    writeOrigin(fields, context);
    fields.attributes(span.getAttributesList());
    writeRest(fields, context);
    out.writeEndObject();
  }

  @Override
  public void logRecord(JsonGenerator out, ItemContext context, LogRecord log) throws IOException {
    out.writeStartObject();
    EcsFields fields = new EcsFields(out);
    long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    if (time != 0) {
      fields.string("@timestamp", OtlpJson.timestamp(time));
    }
    fields.dataStream(context.target());
    fields.string("message", message(log.getBody()));
    fields.string("log.level", level(log));
    if (log.getSeverityNumberValue() > 0) {
      fields.number("event.severity", log.getSeverityNumberValue());
    }
    fields.string("log.logger", context.scope().getName());
    fields.string("event.action", log.getEventName());
    if (log.getObservedTimeUnixNano() != 0) {
      fields.string("event.created", OtlpJson.timestamp(log.getObservedTimeUnixNano()));
    }
    id(fields, "trace.id", log.getTraceId());
    id(fields, "span.id", log.getSpanId());
    writeOrigin(fields, context);
    fields.attributes(log.getAttributesList());
    writeRest(fields, context);
    out.writeEndObject();
  }

  /**
   * The value under the metric's name; histograms and summaries as {@code <name>.count}, {@code
   * .sum}, ...
   */
  @Override
  public void dataPoint(JsonGenerator out, ItemContext context, MetricPoint point)
      throws IOException {
    out.writeStartObject();
    EcsFields fields = new EcsFields(out);
    fields.string("@timestamp", OtlpJson.timestamp(point.timeUnixNano()));
    fields.dataStream(context.target());
    String name = point.metric().getName();
    if (point instanceof MetricPoint.Number number) {
      NumberDataPoint p = number.point();
      if (p.getValueCase() == NumberDataPoint.ValueCase.AS_INT) {
        fields.number(name, p.getAsInt());
      } else if (p.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE
          && Double.isFinite(p.getAsDouble())) {
        fields.number(name, p.getAsDouble());
      }
    } else if (point instanceof MetricPoint.Histogram histogram) {
      HistogramDataPoint p = histogram.point();
      aggregate(fields, name, p.getCount(), p.hasSum(), p.getSum());
      minMax(fields, name, p.hasMin(), p.getMin(), p.hasMax(), p.getMax());
    } else if (point instanceof MetricPoint.ExponentialHistogram exponential) {
      ExponentialHistogramDataPoint p = exponential.point();
      aggregate(fields, name, p.getCount(), p.hasSum(), p.getSum());
      minMax(fields, name, p.hasMin(), p.getMin(), p.hasMax(), p.getMax());
    } else if (point instanceof MetricPoint.Summary summary) {
      SummaryDataPoint p = summary.point();
      aggregate(fields, name, p.getCount(), true, p.getSum());
    }
    writeOrigin(fields, context);
    fields.attributes(point.attributes());
    writeRest(fields, context);
    out.writeEndObject();
  }

  private static void aggregate(
      EcsFields fields, String name, long count, boolean hasSum, double sum) throws IOException {
    fields.number(name + ".count", count);
    if (hasSum) {
      fields.number(name + ".sum", sum);
    }
  }

  private static void minMax(
      EcsFields fields, String name, boolean hasMin, double min, boolean hasMax, double max)
      throws IOException {
    if (hasMin) {
      fields.number(name + ".min", min);
    }
    if (hasMax) {
      fields.number(name + ".max", max);
    }
  }

  /** Resource fields and the instrumentation scope, which ECS calls the service's framework. */
  private static void writeOrigin(EcsFields fields, ItemContext context) throws IOException {
    fields.resource(context.resource().getAttributesList());
    InstrumentationScope scope = context.scope();
    fields.string("service.framework.name", scope.getName());
    fields.string("service.framework.version", scope.getVersion());
  }

  private static void writeRest(EcsFields fields, ItemContext context) throws IOException {
    fields.attributes(context.scope().getAttributesList());
  }

  private static void id(EcsFields fields, String name, ByteString id) throws IOException {
    if (!id.isEmpty()) {
      fields.string(name, OtlpJson.hex(id));
    }
  }

  private static boolean isTransaction(Span span) {
    return span.getParentSpanId().isEmpty()
        || span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
        || span.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER;
  }

  private static String outcome(Status status) {
    return switch (status.getCode()) {
      case STATUS_CODE_OK -> "success";
      case STATUS_CODE_ERROR -> "failure";
      default -> "unknown";
    };
  }

  /** ECS's log.level: the severity text, or the name of the severity number's range. */
  static String level(LogRecord log) {
    if (!log.getSeverityText().isEmpty()) {
      return log.getSeverityText();
    }
    int number = log.getSeverityNumberValue();
    if (number <= 0) {
      return "";
    }
    String[] names = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    return names[Math.min((number - 1) / 4, names.length - 1)];
  }

  /** Text bodies as they are; maps and arrays as their JSON text. */
  private String message(AnyValue body) {
    return switch (body.getValueCase()) {
      case KVLIST_VALUE, ARRAY_VALUE, BYTES_VALUE -> jsonText(body);
      default -> OtlpJson.text(body);
    };
  }

  private String jsonText(AnyValue value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = json.createGenerator(text)) {
      OtlpJson.writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
