package dev.tailgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.exporter.prometheusremotewrite.OtlpToPrometheus;
import dev.tailgate.exporter.prometheusremotewrite.Translation;
import dev.tailgate.exporter.prometheusremotewrite.TranslationSettings;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsPayloadFactoryTest {

  @Test
  void sameSeedGivesIdenticalBytes() {
    MetricsPayloadFactory factory = new MetricsPayloadFactory(20);

    assertThat(factory.create(7).toByteArray()).isEqualTo(factory.create(7).toByteArray());
    assertThat(factory.create(7)).isNotEqualTo(factory.create(8));
  }

  @Test
  void holdsGaugesCumulativeSumsAndTenBoundHistogramsWithOnePointPerSeries() {
    ExportMetricsServiceRequest request = new MetricsPayloadFactory(20).create(1);

    List<Metric> metrics = request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
    assertThat(metrics)
        .extracting(Metric::getDataCase)
        .filteredOn(c -> c == Metric.DataCase.GAUGE)
        .hasSize(4);
    assertThat(metrics)
        .filteredOn(Metric::hasSum)
        .allSatisfy(m -> assertThat(m.getSum().getIsMonotonic()).isTrue())
        .hasSize(4);
    assertThat(metrics)
        .filteredOn(Metric::hasHistogram)
        .hasSize(2)
        .allSatisfy(
            m ->
                assertThat(m.getHistogram().getDataPoints(0).getExplicitBoundsCount())
                    .isEqualTo(10));
    assertThat(Signal.METRICS.count(request))
        .isEqualTo(200)
        .isEqualTo(new MetricsPayloadFactory(20).dataPoints());
    assertThat(metrics).allSatisfy(m -> assertThat(points(m)).isEqualTo(20));
  }

  @Test
  void translatesToTheAnnouncedSeriesAndSampleCounts() {
    MetricsPayloadFactory factory = new MetricsPayloadFactory(20);

    Translation translation =
        new OtlpToPrometheus(TranslationSettings.defaults()).translate(factory.create(42));

    assertThat(translation.droppedPoints()).isZero();
    // One sample per series: every series of the payload is distinct, so none merge.
    assertThat(translation.series())
        .allSatisfy(ts -> assertThat(ts.getSamplesCount()).isEqualTo(1));
    assertThat(translation.series().stream().mapToInt(TimeSeries::getSamplesCount).sum())
        .isEqualTo(factory.prometheusSamples())
        .isEqualTo(681);
    assertThat(translation.series())
        .anySatisfy(
            ts ->
                assertThat(ts.getLabelsList())
                    .anySatisfy(l -> assertThat(l.getValue()).isEqualTo("target_info")));
  }

  @Test
  void refusesEmptyRequests() {
    assertThatThrownBy(() -> new MetricsPayloadFactory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series per metric");
  }

  private static int points(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      default -> 0;
    };
  }
}
