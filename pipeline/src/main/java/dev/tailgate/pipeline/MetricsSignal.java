package dev.tailgate.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.wire.LenientParser;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;

/** Metrics are counted and split by data point, as the Collector does. */
final class MetricsSignal implements Signal<ExportMetricsServiceRequest> {
  @Override
  public OtlpService<ExportMetricsServiceRequest, ExportMetricsServiceResponse> otlp() {
    return OtlpServices.METRICS;
  }

  private static final LenientParser<ExportMetricsServiceRequest> PARSER =
      new LenientParser<>(
          ExportMetricsServiceRequest.parser(),
          ExportMetricsServiceRequest.getDescriptor(),
          MAX_MESSAGE_NESTING);

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String itemName() {
    return "metric_points";
  }

  @Override
  public int count(ExportMetricsServiceRequest batch) {
    int points = 0;
    for (ResourceMetrics resource : batch.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          points += pointCount(metric);
        }
      }
    }
    return points;
  }

  static int pointCount(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }

  /** The same metric holding only points [from, to). */
  static Metric slice(Metric metric, int from, int to) {
    Metric.Builder copy = metric.toBuilder();
    switch (metric.getDataCase()) {
      case GAUGE ->
          copy.getGaugeBuilder()
              .clearDataPoints()
              .addAllDataPoints(metric.getGauge().getDataPointsList().subList(from, to));
      case SUM ->
          copy.getSumBuilder()
              .clearDataPoints()
              .addAllDataPoints(metric.getSum().getDataPointsList().subList(from, to));
      case HISTOGRAM ->
          copy.getHistogramBuilder()
              .clearDataPoints()
              .addAllDataPoints(metric.getHistogram().getDataPointsList().subList(from, to));
      case EXPONENTIAL_HISTOGRAM ->
          copy.getExponentialHistogramBuilder()
              .clearDataPoints()
              .addAllDataPoints(
                  metric.getExponentialHistogram().getDataPointsList().subList(from, to));
      case SUMMARY ->
          copy.getSummaryBuilder()
              .clearDataPoints()
              .addAllDataPoints(metric.getSummary().getDataPointsList().subList(from, to));
      case DATA_NOT_SET -> {}
    }
    return copy.build();
  }

  @Override
  public ExportMetricsServiceRequest merge(List<ExportMetricsServiceRequest> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ExportMetricsServiceRequest.Builder merged = ExportMetricsServiceRequest.newBuilder();
    for (ExportMetricsServiceRequest part : parts) {
      merged.addAllResourceMetrics(part.getResourceMetricsList());
    }
    return merged.build();
  }

  @Override
  public List<ExportMetricsServiceRequest> split(ExportMetricsServiceRequest batch, int maxItems) {
    if (maxItems <= 0) {
      // A limit of 0 would never advance through the items: refuse it rather than loop forever.
      throw new IllegalArgumentException("maxItems must be > 0, got " + maxItems);
    }
    List<ExportMetricsServiceRequest> out = new ArrayList<>();
    ExportMetricsServiceRequest.Builder current = ExportMetricsServiceRequest.newBuilder();
    int room = maxItems;
    for (ResourceMetrics resource : batch.getResourceMetricsList()) {
      ResourceMetrics.Builder resourcePart = null;
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        ScopeMetrics.Builder scopePart = null;
        for (Metric metric : scope.getMetricsList()) {
          int total = pointCount(metric);
          int from = 0;
          do {
            int take = Math.min(room, total - from);
            if (scopePart == null) {
              scopePart = scope.toBuilder().clearMetrics();
            }
            scopePart.addMetrics(take == total ? metric : slice(metric, from, from + take));
            from += take;
            room -= take;
            if (room == 0) {
              if (resourcePart == null) {
                resourcePart = resource.toBuilder().clearScopeMetrics();
              }
              resourcePart.addScopeMetrics(scopePart);
              current.addResourceMetrics(resourcePart);
              out.add(current.build());
              current = ExportMetricsServiceRequest.newBuilder();
              resourcePart = null;
              scopePart = null;
              room = maxItems;
            }
          } while (from < total);
        }
        if (scopePart != null) {
          if (resourcePart == null) {
            resourcePart = resource.toBuilder().clearScopeMetrics();
          }
          resourcePart.addScopeMetrics(scopePart);
        }
      }
      if (resourcePart != null) {
        current.addResourceMetrics(resourcePart);
      }
    }
    if (current.getResourceMetricsCount() > 0) {
      out.add(current.build());
    }
    return out;
  }

  @Override
  public ByteString encode(ExportMetricsServiceRequest batch) {
    return batch.toByteString();
  }

  @Override
  public int serializedSize(ExportMetricsServiceRequest batch) {
    return batch.getSerializedSize();
  }

  @Override
  public ExportMetricsServiceRequest parse(ByteString bytes) throws InvalidProtocolBufferException {
    return PARSER.parse(bytes);
  }
}
