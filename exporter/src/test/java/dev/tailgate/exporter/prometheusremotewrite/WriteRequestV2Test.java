package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import dev.tailgate.exporter.prometheusremotewrite.prompb.BucketSpan;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Exemplar;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Sample;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteRequestV2Test {
  /** One decoded io.prometheus.write.v2.TimeSeries, its references resolved. */
  record Series(
      List<Label> labels,
      List<Sample> samples,
      List<Histogram> histograms,
      List<Exemplar> exemplars,
      Metadata metadata) {}

  /** A decoded io.prometheus.write.v2.Metadata; absent when the series has none. */
  record Metadata(int type, String help, String unit) {
    static final Metadata ABSENT = new Metadata(0, "", "");
  }

  /** A decoded io.prometheus.write.v2.Request, read field by field as the 2.0 spec numbers them. */
  record Decoded(List<String> symbols, List<Series> series) {}

  /** Decodes a 2.0 request by hand, so the test does not share the encoder's assumptions. */
  static Decoded decode(byte[] body) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<String> symbols = new ArrayList<>();
    List<byte[]> rawSeries = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 4 -> symbols.add(in.readString());
        case 5 -> rawSeries.add(in.readByteArray());
        default -> throw new AssertionError("unexpected field " + (tag >>> 3) + " in Request");
      }
    }
    List<Series> series = new ArrayList<>();
    for (byte[] raw : rawSeries) {
      series.add(series(raw, symbols));
    }
    return new Decoded(symbols, series);
  }

  private static Series series(byte[] raw, List<String> symbols) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(raw);
    List<Label> labels = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    List<Exemplar> exemplars = new ArrayList<>();
    Metadata metadata = Metadata.ABSENT;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 5 -> metadata = metadata(in.readByteArray(), symbols);
        case 1 -> labels.addAll(labels(in.readByteArray(), symbols));
        case 2 -> samples.add(Sample.parseFrom(in.readByteArray()));
        case 3 -> histograms.add(Histogram.parseFrom(in.readByteArray()));
        case 4 -> exemplars.add(exemplar(in.readByteArray(), symbols));
        default -> throw new AssertionError("unexpected field " + (tag >>> 3) + " in TimeSeries");
      }
    }
    return new Series(labels, samples, histograms, exemplars, metadata);
  }

  private static Metadata metadata(byte[] raw, List<String> symbols) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(raw);
    int type = 0;
    String help = "";
    String unit = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> type = in.readEnum();
        case 3 -> help = symbols.get(in.readUInt32());
        case 4 -> unit = symbols.get(in.readUInt32());
        default -> throw new AssertionError("unexpected field " + (tag >>> 3) + " in Metadata");
      }
    }
    return new Metadata(type, help, unit);
  }

  private static Exemplar exemplar(byte[] raw, List<String> symbols) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(raw);
    Exemplar.Builder exemplar = Exemplar.newBuilder();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> exemplar.addAllLabels(labels(in.readByteArray(), symbols));
        case 2 -> exemplar.setValue(in.readDouble());
        case 3 -> exemplar.setTimestamp(in.readInt64());
        default -> throw new AssertionError("unexpected field " + (tag >>> 3) + " in Exemplar");
      }
    }
    return exemplar.build();
  }

  private static List<Label> labels(byte[] packedRefs, List<String> symbols) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(packedRefs);
    List<Label> labels = new ArrayList<>();
    while (!in.isAtEnd()) {
      String name = symbols.get(in.readUInt32());
      String value = symbols.get(in.readUInt32());
      labels.add(Label.newBuilder().setName(name).setValue(value).build());
    }
    return labels;
  }

  private static Label label(String name, String value) {
    return Label.newBuilder().setName(name).setValue(value).build();
  }

  private static Sample sample(long t, double v) {
    return Sample.newBuilder().setTimestamp(t).setValue(v).build();
  }

  @Test
  void internsEveryLabelOnceAfterTheEmptySymbol() throws IOException {
    TimeSeries a =
        TimeSeries.newBuilder()
            .addLabels(label("__name__", "up"))
            .addLabels(label("job", "checkout"))
            .addSamples(sample(1000, 1))
            .addSamples(sample(2000, 0))
            .build();
    TimeSeries b =
        TimeSeries.newBuilder()
            .addLabels(label("__name__", "queue_depth"))
            .addLabels(label("job", "checkout"))
            .addSamples(sample(1000, 7))
            .build();

    Decoded decoded =
        decode(
            WriteRequestV2.encode(
                WriteRequest.newBuilder().addTimeseries(a).addTimeseries(b).build(), Map.of()));

    assertThat(decoded.symbols())
        .containsExactly("", "__name__", "up", "job", "checkout", "queue_depth");
    assertThat(decoded.series())
        .containsExactly(
            new Series(
                a.getLabelsList(), a.getSamplesList(), List.of(), List.of(), Metadata.ABSENT),
            new Series(
                b.getLabelsList(), b.getSamplesList(), List.of(), List.of(), Metadata.ABSENT));
  }

  @Test
  void keepsNativeHistogramsAndExemplarsAndSplitsASeriesHoldingBoth() throws IOException {
    Histogram histogram =
        Histogram.newBuilder()
            .setCountInt(3)
            .setSum(4.5)
            .setSchema(2)
            .setZeroThreshold(1e-128)
            .setZeroCountInt(1)
            .addPositiveSpans(BucketSpan.newBuilder().setOffset(-1).setLength(2))
            .addPositiveDeltas(1)
            .addPositiveDeltas(0)
            .setTimestamp(1000)
            .build();
    Exemplar exemplar =
        Exemplar.newBuilder()
            .addLabels(label("trace_id", "5b8efff798038103d269b633813fc60c"))
            .setValue(0.25)
            .setTimestamp(900)
            .build();
    TimeSeries both =
        TimeSeries.newBuilder()
            .addLabels(label("__name__", "latency"))
            .addSamples(sample(1000, 2))
            .addHistograms(histogram)
            .addExemplars(exemplar)
            .build();

    Decoded decoded =
        decode(
            WriteRequestV2.encode(WriteRequest.newBuilder().addTimeseries(both).build(), Map.of()));

    assertThat(decoded.series())
        .containsExactly(
            new Series(
                both.getLabelsList(),
                both.getSamplesList(),
                List.of(),
                List.of(exemplar),
                Metadata.ABSENT),
            new Series(
                both.getLabelsList(), List.of(), List.of(histogram), List.of(), Metadata.ABSENT));
  }

  @Test
  void sendsEachSeriesWithTheTypeHelpAndUnitOfItsMetric() throws IOException {
    TimeSeries cpu =
        TimeSeries.newBuilder()
            .addLabels(label("__name__", "process_cpu_time_seconds_total"))
            .addSamples(sample(1000, 1.5))
            .build();
    MetricMetadata counter =
        MetricMetadata.newBuilder()
            .setType(MetricMetadata.MetricType.COUNTER)
            .setMetricFamilyName("process_cpu_time_seconds_total")
            .setHelp("CPU time spent")
            .setUnit("seconds")
            .build();

    Decoded decoded =
        decode(
            WriteRequestV2.encode(
                WriteRequest.newBuilder().addTimeseries(cpu).build(),
                Map.of(cpu.getLabelsList(), counter)));

    assertThat(decoded.series())
        .singleElement()
        .extracting(Series::metadata)
        .isEqualTo(new Metadata(1, "CPU time spent", "seconds"));
  }
}
