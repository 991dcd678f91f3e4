package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Sample;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRequestSplitterTest {

  @Test
  void keepsEveryRequestWithinTheLimitAndEverySeriesWhole() {
    List<TimeSeries> series = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      series.add(series("metric_" + i));
    }
    int limit =
        10 * WriteRequest.newBuilder().addTimeseries(series.get(0)).build().getSerializedSize();

    List<WriteRequest> requests = new WriteRequestSplitter(limit).split(series);

    assertThat(requests).hasSizeGreaterThan(9);
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.getSerializedSize()).isLessThanOrEqualTo(limit));
    assertThat(requests.stream().flatMap(r -> r.getTimeseriesList().stream()).toList())
        .isEqualTo(series);
  }

  @Test
  void sendsASeriesLargerThanTheLimitAlone() {
    List<WriteRequest> requests =
        new WriteRequestSplitter(10).split(List.of(series("a"), series("b")));

    assertThat(requests)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getTimeseriesCount()).isEqualTo(1));
  }

  @Test
  void makesNoRequestOfNothing() {
    assertThat(new WriteRequestSplitter(100).split(List.of())).isEmpty();
  }

  private static TimeSeries series(String name) {
    return TimeSeries.newBuilder()
        .addLabels(Label.newBuilder().setName("__name__").setValue(name))
        .addSamples(Sample.newBuilder().setTimestamp(1).setValue(2))
        .build();
  }
}
