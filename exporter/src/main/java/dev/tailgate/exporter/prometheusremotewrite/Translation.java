package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import java.util.List;
import java.util.Map;

/**
 * The series made from one OTLP request, and how many data points could not be made into any (delta
 * points that were not accumulated, scales Prometheus cannot represent, malformed points), and the
 * metadata (type, help, unit) of the metric each series came from, by its labels.
 */
public record Translation(
    List<TimeSeries> series, int droppedPoints, Map<List<Label>, MetricMetadata> metadata) {
  public Translation {
    series = List.copyOf(series);
    metadata = Map.copyOf(metadata);
  }
}
