package dev.tailgate.bench.exporter;

import dev.tailgate.bench.MetricsPayloadFactory;
import dev.tailgate.exporter.prometheusremotewrite.DeltaToCumulative;
import dev.tailgate.exporter.prometheusremotewrite.DeltaToCumulativeConfig;
import dev.tailgate.exporter.prometheusremotewrite.OtlpToPrometheus;
import dev.tailgate.exporter.prometheusremotewrite.Translation;
import dev.tailgate.exporter.prometheusremotewrite.TranslationSettings;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xerial.snappy.Snappy;

/**
 * The prometheusremotewrite exporter's work short of HTTP, on one metrics request of 20 series per
 * metric (4 gauges, 4 cumulative sums, 2 histograms of 10 bounds: 200 data points, 681 samples):
 * deltas made cumulative (a scan here, as all are cumulative already), translated with the
 * exporter's default settings, encoded as one WriteRequest (the exporter's 3 MB split leaves this
 * one whole) and snappy-compressed, as {@code RemoteWriteSender} prepares a batch.
 *
 * <p>{@code remoteWriteBody} and {@code translateOnly} are reported in ns per Prometheus sample;
 * {@code otlpParseThenSerialize}, the protobuf floor of the same request, in ns per OTLP data
 * point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RemoteWriteBenchmark {
  static final int SERIES_PER_METRIC = 20;

  /** {@link MetricsPayloadFactory#prometheusSamples()} of the payload; checked in setup. */
  static final int SAMPLES = 681;

  /** {@link MetricsPayloadFactory#dataPoints()} of the payload; checked in setup. */
  static final int DATA_POINTS = 200;

  private ExportMetricsServiceRequest request;
  private byte[] encoded;
  private DeltaToCumulative deltas;
  private OtlpToPrometheus translator;

  @Setup
  public void setUp() throws IOException {
    MetricsPayloadFactory factory = new MetricsPayloadFactory(SERIES_PER_METRIC);
    request = factory.create(42);
    encoded = request.toByteArray();
    deltas = new DeltaToCumulative(DeltaToCumulativeConfig.DEFAULT, Clock.systemUTC());
    translator = new OtlpToPrometheus(TranslationSettings.defaults());
    Translation translation = translator.translate(request);
    int samples = translation.series().stream().mapToInt(TimeSeries::getSamplesCount).sum();
    if (factory.dataPoints() != DATA_POINTS
        || factory.prometheusSamples() != SAMPLES
        || samples != SAMPLES) {
      throw new IllegalStateException(
          "payload changed: "
              + factory.dataPoints()
              + " points, "
              + samples
              + " samples translated, "
              + factory.prometheusSamples()
              + " expected; update DATA_POINTS and SAMPLES");
    }
    byte[] body =
        WriteRequest.newBuilder().addAllTimeseries(translation.series()).build().toByteArray();
    System.out.printf(
        "%nmetrics payload: %d data points, %d bytes OTLP; %d series, %d samples, WriteRequest %d"
            + " bytes, snappy %d bytes%n",
        DATA_POINTS,
        encoded.length,
        translation.series().size(),
        samples,
        body.length,
        Snappy.compress(body).length);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public byte[] remoteWriteBody() throws IOException {
    Translation translation = translator.translate(deltas.apply(request).request());
    return Snappy.compress(
        WriteRequest.newBuilder().addAllTimeseries(translation.series()).build().toByteArray());
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public Translation translateOnly() {
    return translator.translate(deltas.apply(request).request());
  }

  @Benchmark
  @OperationsPerInvocation(DATA_POINTS)
  public byte[] otlpParseThenSerialize() throws IOException {
    return ExportMetricsServiceRequest.parseFrom(encoded).toByteArray();
  }
}
