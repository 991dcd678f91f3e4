package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns one batch of a signal into its documents, one per span, log record or data point, in order:
 * walks resources and scopes, routes each item, and lets the mode's translator write it.
 */
abstract class DocumentEncoder<T> {
  private static final SignalMap.Kind ENCODER = new SignalMap.Kind("document encoder");

  /** How each signal's encoder is made. */
  private static final SignalMap ENCODERS =
      SignalMap.of(key(Signal.TRACES), Traces::new)
          .with(key(Signal.LOGS), Logs::new)
          .with(key(Signal.METRICS), Metrics::new);

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DocumentEncoder.class);
  private static final long UNMAPPABLE_WARNING_INTERVAL_NANOS = 10_000_000_000L;

  private final JsonFactory json = new JsonFactory();
  private volatile long lastUnmappableWarning =
      System.nanoTime() - UNMAPPABLE_WARNING_INTERVAL_NANOS - 1;
  protected final DocumentTranslator translator;
  protected final IndexRouter router;

  private DocumentEncoder(DocumentTranslator translator, IndexRouter router) {
    this.translator = translator;
    this.router = router;
  }

  abstract List<Document> encode(T batch);

  static <T> DocumentEncoder<T> forSignal(
      Signal<T> signal, DocumentTranslator translator, Optional<String> staticIndex) {
    return forSignal(signal, translator, new IndexRouter(signal.name(), staticIndex));
  }

  static <T> DocumentEncoder<T> forSignal(
      Signal<T> signal, DocumentTranslator translator, IndexRouter router) {
    return ENCODERS
        .get(key(signal))
        .orElseThrow(
            () -> new IllegalArgumentException("no document encoder for signal " + signal.name()))
        .apply(translator, router);
  }

  private static <T>
      SignalMap.Key<BiFunction<DocumentTranslator, IndexRouter, DocumentEncoder<T>>> key(
          Signal<T> signal) {
    return ENCODER.key(signal);
  }

  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator out) throws IOException;
  }

  /**
   * Adds the item's document, unless the mapping mode has none for it (bodymap and a body that is
   * not a map): that item is left out, and said so at WARN (at most every 10 s).
   */
  protected void add(List<Document> documents, Target target, Writer writer) {
    try {
      documents.add(document(target, writer));
    } catch (UnmappableItemException e) {
      long now = System.nanoTime();
      if (now - lastUnmappableWarning > UNMAPPABLE_WARNING_INTERVAL_NANOS) {
        lastUnmappableWarning = now;
        LOG.warn("item left out: {}", e.getMessage());
      }
    }
  }

  protected Document document(Target target, Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator out = json.createGenerator(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a document", e); // in-memory: does not happen
    }
    return new Document(target.index(), bytes.toByteArray());
  }

  static final class Traces extends DocumentEncoder<ExportTraceServiceRequest> {
    Traces(DocumentTranslator translator, IndexRouter router) {
      super(translator, router);
    }

    @Override
    List<Document> encode(ExportTraceServiceRequest batch) {
      List<Document> documents = new ArrayList<>();
      for (ResourceSpans resource : batch.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            Target target =
                router.route(
                    span.getAttributesList(),
                    scope.getScope().getAttributesList(),
                    resource.getResource().getAttributesList(),
                    span.getStartTimeUnixNano());
            ItemContext context = new ItemContext(resource.getResource(), scope.getScope(), target);
            add(documents, target, out -> translator.span(out, context, span));
          }
        }
      }
      return documents;
    }
  }

  static final class Logs extends DocumentEncoder<ExportLogsServiceRequest> {
    Logs(DocumentTranslator translator, IndexRouter router) {
      super(translator, router);
    }

    @Override
    List<Document> encode(ExportLogsServiceRequest batch) {
      List<Document> documents = new ArrayList<>();
      for (ResourceLogs resource : batch.getResourceLogsList()) {
        for (ScopeLogs scope : resource.getScopeLogsList()) {
          for (LogRecord log : scope.getLogRecordsList()) {
            Target target =
                router.route(
                    log.getAttributesList(),
                    scope.getScope().getAttributesList(),
                    resource.getResource().getAttributesList(),
                    log.getTimeUnixNano() != 0
                        ? log.getTimeUnixNano()
                        : log.getObservedTimeUnixNano());
            ItemContext context = new ItemContext(resource.getResource(), scope.getScope(), target);
            add(documents, target, out -> translator.logRecord(out, context, log));
          }
        }
      }
      return documents;
    }
  }

  static final class Metrics extends DocumentEncoder<ExportMetricsServiceRequest> {
    Metrics(DocumentTranslator translator, IndexRouter router) {
      super(translator, router);
    }

    @Override
    List<Document> encode(ExportMetricsServiceRequest batch) {
      List<Document> documents = new ArrayList<>();
      for (ResourceMetrics resource : batch.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            for (MetricPoint point : points(metric)) {
              Target target =
                  router.route(
                      point.attributes(),
                      scope.getScope().getAttributesList(),
                      resource.getResource().getAttributesList(),
                      point.timeUnixNano());
              ItemContext context =
                  new ItemContext(resource.getResource(), scope.getScope(), target);
              add(documents, target, out -> translator.dataPoint(out, context, point));
            }
          }
        }
      }
      return documents;
    }

    private static List<MetricPoint> points(Metric metric) {
      List<MetricPoint> points = new ArrayList<>();
      switch (metric.getDataCase()) {
        case GAUGE -> {
          for (NumberDataPoint p : metric.getGauge().getDataPointsList()) {
            points.add(new MetricPoint.Number(metric, p));
          }
        }
        case SUM -> {
          for (NumberDataPoint p : metric.getSum().getDataPointsList()) {
            points.add(new MetricPoint.Number(metric, p));
          }
        }
        case HISTOGRAM -> {
          for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
            points.add(new MetricPoint.Histogram(metric, p));
          }
        }
        case EXPONENTIAL_HISTOGRAM -> {
          for (ExponentialHistogramDataPoint p :
              metric.getExponentialHistogram().getDataPointsList()) {
            points.add(new MetricPoint.ExponentialHistogram(metric, p));
          }
        }
        case SUMMARY -> {
          for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
            points.add(new MetricPoint.Summary(metric, p));
          }
        }
        default -> {}
      }
      return points;
    }
  }
}
