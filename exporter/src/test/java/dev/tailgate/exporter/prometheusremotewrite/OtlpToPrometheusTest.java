package dev.tailgate.exporter.prometheusremotewrite;

import static dev.tailgate.exporter.prometheusremotewrite.Otlp.T0;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.T0_MILLIS;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.attr;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.counter;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.find;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.gauge;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.labels;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.names;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.point;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.request;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.resource;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Sample;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpToPrometheusTest {
  private static final AggregationTemporality CUMULATIVE =
      AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
  private static final AggregationTemporality DELTA =
      AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";

  private final OtlpToPrometheus translator = new OtlpToPrometheus(TranslationSettings.defaults());

  private static OtlpToPrometheus with(
      String namespace,
      boolean suffixes,
      boolean scopeLabels,
      boolean resourceToTelemetry,
      boolean targetInfo,
      Map<String, String> external) {
    return new OtlpToPrometheus(
        new TranslationSettings(
            namespace, suffixes, scopeLabels, resourceToTelemetry, targetInfo, external));
  }

  @Test
  void turnsAGaugePointIntoASampleInMilliseconds() {
    Translation t =
        translator.translate(request(gauge("queue.depth", "", point(7, attr("queue", "orders")))));

    TimeSeries series = find(t.series(), "__name__", "queue_depth");
    assertThat(labels(series))
        .containsExactly(
            entry("__name__", "queue_depth"),
            entry("job", "checkout"),
            entry("otel_scope_name", "shop"),
            entry("otel_scope_version", "1.2"),
            entry("queue", "orders"));
    assertThat(series.getSamplesList()).containsExactly(sample(T0_MILLIS, 7));
    assertThat(t.droppedPoints()).isZero();
  }

  @Test
  void sortsLabelsByNameAsRemoteWriteRequires() {
    Translation t =
        translator.translate(
            request(
                gauge("g", "", point(1, attr("zone", "a"), attr("Alpha", "b"), attr("b", "c")))));

    List<String> names = t.series().get(0).getLabelsList().stream().map(Label::getName).toList();
    assertThat(names).isSorted().contains("Alpha", "__name__", "b", "zone");
  }

  @Test
  void addsTotalToMonotonicCumulativeSumsAfterTheUnit() {
    Translation t =
        translator.translate(
            request(
                counter("http.server.requests", "{request}", point(3)),
                counter("process.cpu.time", "s", point(1.5)),
                counter("jobs_total", "ms", point(2)),
                counter("errors_total", "", point(4))));

    assertThat(names(t.series()))
        .containsExactlyInAnyOrder(
            "http_server_requests_total",
            "process_cpu_time_seconds_total",
            "jobs_milliseconds_total",
            "errors_total");
  }

  @Test
  void namesUnitsInWordsAndDropsAnnotations() {
    Translation t =
        translator.translate(
            request(
                gauge("a", "ms", point(1)),
                gauge("b", "By", point(1)),
                gauge("c", "KiBy", point(1)),
                gauge("d", "m/s", point(1)),
                gauge("e", "{packets}", point(1)),
                gauge("f", "1", point(1)),
                gauge("g", "%", point(1)),
                gauge("h", "Cel", point(1)),
                gauge("i", "packets", point(1)),
                gauge("j", "{packet}/s", point(1)),
                gauge("request.duration.seconds", "s", point(1))));

    assertThat(names(t.series()))
        .containsExactlyInAnyOrder(
            "a_milliseconds",
            "b_bytes",
            "c_kibibytes",
            "d_meters_per_second",
            "e",
            "f_ratio",
            "g_percent",
            "h_celsius",
            "i_packets",
            "j_per_second",
            "request_duration_seconds");
  }

  @Test
  void addsRatioOnlyToGauges() {
    Translation t =
        translator.translate(
            request(
                counter("hits", "1", point(1)),
                sum("in.flight", "1", false, CUMULATIVE, point(1)),
                gauge("utilization", "1", point(0.5))));

    assertThat(names(t.series()))
        .containsExactlyInAnyOrder("hits_total", "in_flight", "utilization_ratio");
  }

  @Test
  void addsNoSuffixesWhenTurnedOff() {
    Translation t =
        with("", false, true, false, true, Map.of())
            .translate(
                request(counter("requests", "ms", point(1)), gauge("utilization", "1", point(1))));

    assertThat(names(t.series())).containsExactlyInAnyOrder("requests", "utilization");
  }

  @Test
  void sanitizesMetricNames() {
    Translation t =
        translator.translate(
            request(
                gauge("http.server-duration", "", point(1)),
                gauge("2xx.responses", "", point(1)),
                gauge("a..b__c", "", point(1)),
                gauge("ns:sub/thing", "", point(1))));

    assertThat(names(t.series()))
        .containsExactlyInAnyOrder(
            "http_server_duration", "_2xx_responses", "a_b_c", "ns:sub_thing");
  }

  @Test
  void sanitizesLabelNamesAndJoinsCollidingValuesInKeyOrder() {
    Translation t =
        translator.translate(
            request(
                gauge(
                    "g",
                    "",
                    point(
                        1,
                        attr("http.method", "GET"),
                        attr("1st", "x"),
                        attr("a.b", "dot"),
                        attr("a-b", "dash"),
                        attr("k:v", "colon")))));

    assertThat(labels(t.series().get(0)))
        .contains(
            entry("http_method", "GET"),
            entry("_1st", "x"),
            entry("a_b", "dash;dot"),
            entry("k_v", "colon"));
  }

  @Test
  void writesNonStringAttributesAsText() {
    KeyValue number =
        KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(42)).build();
    KeyValue flag =
        KeyValue.newBuilder()
            .setKey("f")
            .setValue(AnyValue.newBuilder().setBoolValue(true))
            .build();
    KeyValue real =
        KeyValue.newBuilder()
            .setKey("r")
            .setValue(AnyValue.newBuilder().setDoubleValue(2.5))
            .build();
    KeyValue list =
        KeyValue.newBuilder()
            .setKey("l")
            .setValue(
                AnyValue.newBuilder()
                    .setArrayValue(
                        io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                            .addValues(AnyValue.newBuilder().setStringValue("a"))
                            .addValues(AnyValue.newBuilder().setIntValue(1))))
            .build();

    Translation t =
        translator.translate(request(gauge("g", "", point(1, number, flag, real, list))));

    assertThat(labels(t.series().get(0)))
        .contains(entry("n", "42"), entry("f", "true"), entry("r", "2.5"), entry("l", "[\"a\",1]"));
  }

  @Test
  void turnsNonMonotonicCumulativeSumsIntoGauges() {
    Translation t =
        translator.translate(request(sum("queue.size", "{item}", false, CUMULATIVE, point(-3))));

    assertThat(find(t.series(), "__name__", "queue_size").getSamplesList())
        .containsExactly(sample(T0_MILLIS, -3));
  }

  @Test
  void dropsSumsStillDeltaSinceOnlyCumulativeOnesMeanSomethingToPrometheus() {
    Translation t =
        translator.translate(
            request(
                sum("requests", "", true, DELTA, point(1), point(2)),
                sum("in.flight", "", false, DELTA, point(1))));

    assertThat(t.series()).isEmpty();
    assertThat(t.droppedPoints()).isEqualTo(3);
  }

  @Test
  void turnsHistogramsIntoCumulativeBucketsSumAndCount() {
    Metric histogram =
        histogram(
            "http.server.duration",
            "s",
            CUMULATIVE,
            histogramPoint(List.of(0.5, 1.0, 2.5), List.of(2L, 3L, 0L, 1L), 6, 7.25));

    Translation t = translator.translate(request(histogram));

    assertThat(value(t, "__name__", "http_server_duration_seconds_bucket", "le", "0.5"))
        .isEqualTo(2);
    assertThat(value(t, "__name__", "http_server_duration_seconds_bucket", "le", "1")).isEqualTo(5);
    assertThat(value(t, "__name__", "http_server_duration_seconds_bucket", "le", "2.5"))
        .isEqualTo(5);
    assertThat(value(t, "__name__", "http_server_duration_seconds_bucket", "le", "+Inf"))
        .isEqualTo(6);
    assertThat(value(t, "__name__", "http_server_duration_seconds_sum")).isEqualTo(7.25);
    assertThat(value(t, "__name__", "http_server_duration_seconds_count")).isEqualTo(6);
    assertThat(names(t.series())).hasSize(6);
  }

  @Test
  void givesAHistogramWithoutBucketsOnlyTheInfBucket() {
    HistogramDataPoint point =
        HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(4).setSum(10).build();

    Translation t = translator.translate(request(histogram("latency", "", CUMULATIVE, point)));

    assertThat(value(t, "__name__", "latency_bucket", "le", "+Inf")).isEqualTo(4);
    assertThat(names(t.series()))
        .containsExactlyInAnyOrder("latency_bucket", "latency_sum", "latency_count");
  }

  @Test
  void dropsDeltaHistogramsLeftDelta() {
    Translation t =
        translator.translate(
            request(
                histogram(
                    "latency", "", DELTA, histogramPoint(List.of(1.0), List.of(1L, 0L), 1, 0.5))));

    assertThat(t.series()).isEmpty();
    assertThat(t.droppedPoints()).isEqualTo(1);
  }

  @Test
  void attachesHistogramExemplarsToTheBucketHoldingTheirValue() {
    HistogramDataPoint point =
        histogramPoint(List.of(0.5, 1.0), List.of(1L, 1L, 0L), 2, 1.2).toBuilder()
            .addExemplars(exemplar(0.7, attr("user", "u1")))
            .build();

    Translation t = translator.translate(request(histogram("latency", "s", CUMULATIVE, point)));

    TimeSeries bucket = find(t.series(), "__name__", "latency_seconds_bucket", "le", "1");
    assertThat(bucket.getExemplarsList())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getValue()).isEqualTo(0.7);
              assertThat(e.getTimestamp()).isEqualTo(T0_MILLIS);
              assertThat(e.getLabelsList())
                  .containsExactly(
                      label("span_id", SPAN_ID), label("trace_id", TRACE_ID), label("user", "u1"));
            });
    assertThat(
            find(t.series(), "__name__", "latency_seconds_bucket", "le", "0.5").getExemplarsCount())
        .isZero();
  }

  @Test
  void keepsCounterExemplarsAndDropsGaugeExemplars() {
    NumberDataPoint withExemplar =
        point(5).toBuilder().addExemplars(exemplar(1, attr("k", "v"))).build();

    Translation t =
        translator.translate(
            request(counter("hits", "", withExemplar), gauge("level", "", withExemplar)));

    assertThat(find(t.series(), "__name__", "hits_total").getExemplarsCount()).isEqualTo(1);
    assertThat(find(t.series(), "__name__", "level").getExemplarsCount()).isZero();
  }

  @Test
  void leavesOutExemplarAttributesThatWouldPassOpenMetricsLabelLimit() {
    NumberDataPoint withExemplar =
        point(5).toBuilder().addExemplars(exemplar(1, attr("long", "x".repeat(80)))).build();

    Translation t = translator.translate(request(counter("hits", "", withExemplar)));

    assertThat(t.series().get(0).getExemplars(0).getLabelsList())
        .containsExactly(label("span_id", SPAN_ID), label("trace_id", TRACE_ID));
  }

  @Test
  void turnsSummariesIntoQuantilesSumAndCount() {
    SummaryDataPoint point =
        SummaryDataPoint.newBuilder()
            .setTimeUnixNano(T0)
            .setCount(10)
            .setSum(42)
            .addQuantileValues(
                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(3))
            .addQuantileValues(
                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(9))
            .build();
    Metric summary =
        Metric.newBuilder()
            .setName("rpc.duration")
            .setUnit("ms")
            .setSummary(Summary.newBuilder().addDataPoints(point))
            .build();

    Translation t = translator.translate(request(summary));

    assertThat(value(t, "__name__", "rpc_duration_milliseconds", "quantile", "0.5")).isEqualTo(3);
    assertThat(value(t, "__name__", "rpc_duration_milliseconds", "quantile", "0.99")).isEqualTo(9);
    assertThat(value(t, "__name__", "rpc_duration_milliseconds_sum")).isEqualTo(42);
    assertThat(value(t, "__name__", "rpc_duration_milliseconds_count")).isEqualTo(10);
  }

  @Test
  void turnsExponentialHistogramsIntoNativeHistograms() {
    ExponentialHistogramDataPoint point =
        ExponentialHistogramDataPoint.newBuilder()
            .setTimeUnixNano(T0)
            .setScale(2)
            .setCount(6)
            .setSum(12.5)
            .setZeroCount(1)
            .setPositive(
                ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(3)
                    .addBucketCounts(2)
                    .addBucketCounts(3))
            .build();

    Translation t = translator.translate(request(exponential("latency", "s", CUMULATIVE, point)));

    TimeSeries series = find(t.series(), "__name__", "latency_seconds");
    assertThat(series.getSamplesCount()).isZero();
    Histogram h = series.getHistograms(0);
    assertThat(h.getSchema()).isEqualTo(2);
    assertThat(h.getCountInt()).isEqualTo(6);
    assertThat(h.getSum()).isEqualTo(12.5);
    assertThat(h.getZeroCountInt()).isEqualTo(1);
    assertThat(h.getTimestamp()).isEqualTo(T0_MILLIS);
    assertThat(h.getPositiveSpansList())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getOffset())
                  .isEqualTo(4); // OTLP indexes lower bounds, Prometheus upper ones
              assertThat(s.getLength()).isEqualTo(2);
            });
    assertThat(h.getPositiveDeltasList()).containsExactly(2L, 1L);
  }

  @Test
  void dropsDeltaExponentialHistogramsAsTheSpecSays() {
    ExponentialHistogramDataPoint point =
        ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1).build();

    Translation t = translator.translate(request(exponential("latency", "s", DELTA, point)));

    assertThat(t.series()).isEmpty();
    assertThat(t.droppedPoints()).isEqualTo(1);
  }

  @Test
  void derivesJobFromServiceNamespaceAndNameAndInstanceFromInstanceId() {
    Translation t =
        translator.translate(
            request(
                resource(
                    "service.name",
                    "cart",
                    "service.namespace",
                    "shop",
                    "service.instance.id",
                    "pod-7"),
                gauge("g", "", point(1))));

    assertThat(labels(find(t.series(), "__name__", "g")))
        .contains(entry("job", "shop/cart"), entry("instance", "pod-7"));
  }

  @Test
  void letsResourceJobAndInstanceWinOverPointAttributes() {
    Translation t =
        translator.translate(
            request(
                resource("service.name", "cart"),
                gauge("g", "", point(1, attr("job", "mine"), attr("instance", "mine")))));

    assertThat(labels(find(t.series(), "__name__", "g")))
        .contains(entry("job", "cart"), entry("instance", "mine"));
  }

  @Test
  void putsOtherResourceAttributesOnTargetInfo() {
    NumberDataPoint later = point(2).toBuilder().setTimeUnixNano(T0 + 5 * Otlp.SECOND).build();
    Translation t =
        translator.translate(
            request(
                resource(
                    "service.name",
                    "cart",
                    "service.instance.id",
                    "pod-7",
                    "host.name",
                    "node-1",
                    "k8s.pod.name",
                    "cart-1"),
                gauge("g", "", point(1)),
                gauge("h", "", later)));

    TimeSeries info = find(t.series(), "__name__", "target_info");
    assertThat(labels(info))
        .containsExactly(
            entry("__name__", "target_info"),
            entry("host_name", "node-1"),
            entry("instance", "pod-7"),
            entry("job", "cart"),
            entry("k8s_pod_name", "cart-1"));
    assertThat(info.getSamplesList()).containsExactly(sample(T0_MILLIS + 5000, 1));
    assertThat(labels(find(t.series(), "__name__", "g"))).doesNotContainKey("host_name");
  }

  @Test
  void makesNoTargetInfoWhenDisabledOrWhenTheResourceHasNothingElse() {
    ExportMetricsServiceRequest withHost =
        request(resource("service.name", "cart", "host.name", "node-1"), gauge("g", "", point(1)));

    assertThat(names(with("", true, true, false, false, Map.of()).translate(withHost).series()))
        .doesNotContain("target_info");
    assertThat(names(translator.translate(request(gauge("g", "", point(1)))).series()))
        .doesNotContain("target_info");
  }

  @Test
  void copiesResourceAttributesOntoSeriesWhenAsked() {
    Translation t =
        with("", true, true, true, true, Map.of())
            .translate(
                request(
                    resource("service.name", "cart", "host.name", "node-1", "zone", "r"),
                    gauge("g", "", point(1, attr("zone", "p")))));

    assertThat(labels(find(t.series(), "__name__", "g")))
        .contains(
            entry("host_name", "node-1"),
            entry("service_name", "cart"),
            entry("zone", "p"),
            entry("job", "cart"));
  }

  @Test
  void prefixesTheNamespace() {
    Translation t =
        with("tailgate", true, true, false, true, Map.of())
            .translate(
                request(
                    resource("service.name", "cart", "host.name", "n"),
                    counter("hits", "", point(1))));

    assertThat(names(t.series()))
        .containsExactlyInAnyOrder("tailgate_hits_total", "tailgate_target_info");
  }

  @Test
  void addsExternalLabelsWithoutOverridingTheData() {
    Translation t =
        with("", true, true, false, true, Map.of("cluster", "eu-1", "region", "default"))
            .translate(
                request(
                    resource("service.name", "cart", "host.name", "n"),
                    gauge("g", "", point(1, attr("region", "west")))));

    assertThat(labels(find(t.series(), "__name__", "g")))
        .contains(entry("cluster", "eu-1"), entry("region", "west"));
    assertThat(labels(find(t.series(), "__name__", "target_info")))
        .contains(entry("cluster", "eu-1"), entry("region", "default"));
  }

  @Test
  void leavesOutScopeLabelsWhenTurnedOff() {
    Translation t =
        with("", true, false, false, true, Map.of()).translate(request(gauge("g", "", point(1))));

    assertThat(labels(t.series().get(0)))
        .doesNotContainKeys("otel_scope_name", "otel_scope_version");
  }

  @Test
  void marksPointsWithoutRecordedValueStale() {
    int noValue = DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;
    NumberDataPoint gone =
        NumberDataPoint.newBuilder().setTimeUnixNano(T0).setFlags(noValue).build();
    HistogramDataPoint goneHistogram =
        histogramPoint(List.of(1.0), List.of(0L, 0L), 0, 0).toBuilder().setFlags(noValue).build();
    ExponentialHistogramDataPoint goneExponential =
        ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setFlags(noValue).build();

    Translation t =
        translator.translate(
            request(
                gauge("g", "", gone),
                histogram("h", "", CUMULATIVE, goneHistogram),
                exponential("e", "", CUMULATIVE, goneExponential)));

    assertThat(staleBits(find(t.series(), "__name__", "g").getSamples(0).getValue())).isTrue();
    assertThat(
            staleBits(find(t.series(), "__name__", "h_bucket", "le", "1").getSamples(0).getValue()))
        .isTrue();
    assertThat(
            staleBits(
                find(t.series(), "__name__", "h_bucket", "le", "+Inf").getSamples(0).getValue()))
        .isTrue();
    assertThat(staleBits(find(t.series(), "__name__", "h_count").getSamples(0).getValue()))
        .isTrue();
    assertThat(staleBits(find(t.series(), "__name__", "h_sum").getSamples(0).getValue())).isTrue();
    assertThat(staleBits(find(t.series(), "__name__", "e").getHistograms(0).getSum())).isTrue();
    // Survives the wire: Prometheus compares the exact bits.
    TimeSeries parsed = parse(find(t.series(), "__name__", "g"));
    assertThat(Double.doubleToRawLongBits(parsed.getSamples(0).getValue()))
        .isEqualTo(OtlpToPrometheus.STALE_NAN_BITS);
  }

  @Test
  void mergesPointsOfOneSeriesInTimeOrder() {
    NumberDataPoint later = point(2).toBuilder().setTimeUnixNano(T0 + 10 * Otlp.SECOND).build();
    NumberDataPoint earlier = point(1);

    Translation t = translator.translate(request(gauge("g", "", later), gauge("g", "", earlier)));

    assertThat(t.series())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getSamplesList())
                    .containsExactly(sample(T0_MILLIS, 1), sample(T0_MILLIS + 10_000, 2)));
  }

  private static boolean staleBits(double value) {
    return Double.doubleToRawLongBits(value) == OtlpToPrometheus.STALE_NAN_BITS;
  }

  private static TimeSeries parse(TimeSeries series) {
    try {
      return TimeSeries.parseFrom(series.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static double value(Translation t, String... keyValues) {
    TimeSeries series = find(t.series(), keyValues);
    assertThat(series.getSamplesList()).hasSize(1);
    return series.getSamples(0).getValue();
  }

  private static Sample sample(long millis, double value) {
    return Sample.newBuilder().setTimestamp(millis).setValue(value).build();
  }

  private static Label label(String name, String value) {
    return Label.newBuilder().setName(name).setValue(value).build();
  }

  private static Exemplar exemplar(double value, KeyValue... attributes) {
    return Exemplar.newBuilder()
        .setTimeUnixNano(T0)
        .setAsDouble(value)
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
        .addAllFilteredAttributes(List.of(attributes))
        .build();
  }

  static HistogramDataPoint histogramPoint(
      List<Double> bounds, List<Long> counts, long count, double sum) {
    return HistogramDataPoint.newBuilder()
        .setTimeUnixNano(T0)
        .addAllExplicitBounds(bounds)
        .addAllBucketCounts(counts)
        .setCount(count)
        .setSum(sum)
        .build();
  }

  static Metric histogram(
      String name, String unit, AggregationTemporality temporality, HistogramDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setHistogram(
            io.opentelemetry.proto.metrics.v1.Histogram.newBuilder()
                .setAggregationTemporality(temporality)
                .addAllDataPoints(List.of(points)))
        .build();
  }

  private static Metric exponential(
      String name,
      String unit,
      AggregationTemporality temporality,
      ExponentialHistogramDataPoint point) {
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setExponentialHistogram(
            ExponentialHistogram.newBuilder()
                .setAggregationTemporality(temporality)
                .addDataPoints(point))
        .build();
  }
}
