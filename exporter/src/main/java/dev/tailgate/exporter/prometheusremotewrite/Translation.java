package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import java.util.List;

/**
 * The series made from one OTLP request, and how many data points could not be made into any (delta
 * points that were not accumulated, scales Prometheus cannot represent, malformed points).
 */
public record Translation(List<TimeSeries> series, int droppedPoints) {
  public Translation {
    series = List.copyOf(series);
  }
}
