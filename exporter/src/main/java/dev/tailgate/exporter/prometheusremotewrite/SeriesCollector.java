package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Exemplar;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Sample;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers samples by series. Prometheus refuses a sample older than one it already has of the same
 * series, even within one request, so each series is sent once with its samples in time order; of
 * two samples with one timestamp the later one given wins.
 */
final class SeriesCollector {
  private final Map<List<Label>, Series> series = new LinkedHashMap<>();
  private final Map<List<Label>, MetricMetadata> metadata = new LinkedHashMap<>();
  private MetricMetadata current = MetricMetadata.getDefaultInstance();

  /** The metric the series added next belong to (its first description wins for a series). */
  void describe(MetricMetadata metric) {
    current = metric;
  }

  Map<List<Label>, MetricMetadata> metadata() {
    return metadata;
  }

  void addSample(List<Label> labels, long timestampMillis, double value) {
    seriesOf(labels).samples.put(timestampMillis, value);
  }

  void addHistogram(List<Label> labels, Histogram histogram) {
    seriesOf(labels).histograms.put(histogram.getTimestamp(), histogram);
  }

  void addExemplar(List<Label> labels, Exemplar exemplar) {
    seriesOf(labels).exemplars.add(exemplar);
  }

  List<TimeSeries> timeSeries() {
    List<TimeSeries> out = new ArrayList<>(series.size());
    series.forEach((labels, s) -> out.add(s.build(labels)));
    return out;
  }

  private Series seriesOf(List<Label> labels) {
    metadata.putIfAbsent(labels, current);
    return series.computeIfAbsent(labels, l -> new Series());
  }

  private static final class Series {
    final TreeMap<Long, Double> samples = new TreeMap<>();
    final TreeMap<Long, Histogram> histograms = new TreeMap<>();
    final List<Exemplar> exemplars = new ArrayList<>();

    TimeSeries build(List<Label> labels) {
      TimeSeries.Builder ts = TimeSeries.newBuilder().addAllLabels(labels);
      samples.forEach((t, v) -> ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(v)));
      ts.addAllHistograms(histograms.values());
      ts.addAllExemplars(exemplars);
      return ts.build();
    }
  }
}
