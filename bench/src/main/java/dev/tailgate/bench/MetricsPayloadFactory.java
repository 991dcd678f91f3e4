package dev.tailgate.bench;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the metrics export request of the metric benchmarks: one resource (service.name and
 * service.instance.id, so job and instance, plus four attributes for target_info), one scope, and
 * four gauges, four cumulative monotonic sums and two cumulative explicit-bucket histograms of ten
 * bounds; each metric has {@code seriesPerMetric} data points, one per set of five attributes, as
 * an SDK's periodic export of a service's HTTP metrics would. The same (shape, seed) always gives
 * the same request.
 */
public final class MetricsPayloadFactory {
  public static final int GAUGES = 4;
  public static final int SUMS = 4;
  public static final int HISTOGRAMS = 2;
  public static final int ATTRIBUTES_PER_POINT = 5;

  /**
   * Seconds, as http.server.request.duration is bucketed by the SDKs' defaults (shortened to ten).
   */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  /** Mid-2024, fixed so payloads do not depend on the wall clock. */
  private static final long BASE_TIME_NANOS = 1_717_200_000_000_000_000L;

  /** Cumulative series started an hour before the point. */
  private static final long START_TIME_NANOS = BASE_TIME_NANOS - 3_600_000_000_000L;

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  private static final String[] ROUTES = {
    "/api/orders/{id}", "/api/checkout", "/api/cart", "/health", "/api/users"
  };
  private static final int[] STATUS_CODES = {200, 201, 204, 404, 500};

  private final int seriesPerMetric;

  public MetricsPayloadFactory(int seriesPerMetric) {
    if (seriesPerMetric < 1) {
      throw new IllegalArgumentException("series per metric must be >= 1, got " + seriesPerMetric);
    }
    this.seriesPerMetric = seriesPerMetric;
  }

  /** Data points in a request: what the OTLP side counts. */
  public int dataPoints() {
    return (GAUGES + SUMS + HISTOGRAMS) * seriesPerMetric;
  }

  /**
   * Prometheus samples a request translates to with the remote write exporter's defaults: one per
   * gauge or sum point; per histogram point one per bound, +Inf, _sum and _count; and one
   * target_info.
   */
  public int prometheusSamples() {
    int perHistogramPoint = BOUNDS.length + 3;
    return (GAUGES + SUMS) * seriesPerMetric + HISTOGRAMS * seriesPerMetric * perHistogramPoint + 1;
  }

  public ExportMetricsServiceRequest create(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<KeyValue>> series = new ArrayList<>(seriesPerMetric);
    for (int i = 0; i < seriesPerMetric; i++) {
      series.add(seriesAttributes(i));
    }
    ScopeMetrics.Builder scope =
        ScopeMetrics.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder().setName("dev.tailgate.bench").setVersion("0.1.0"))
            .addMetrics(gauge("process.memory.usage", "By", series, random, false))
            .addMetrics(gauge("jvm.thread.count", "{thread}", series, random, false))
            .addMetrics(gauge("system.cpu.utilization", "1", series, random, true))
            .addMetrics(gauge("http.server.active_requests", "{request}", series, random, false))
            .addMetrics(sum("http.server.requests", "{request}", series, random, false))
            .addMetrics(sum("http.server.request.body.size", "By", series, random, false))
            .addMetrics(sum("process.cpu.time", "s", series, random, true))
            .addMetrics(sum("app.orders.placed", "{order}", series, random, false))
            .addMetrics(histogram("http.server.request.duration", "s", series, random))
            .addMetrics(histogram("db.client.operation.duration", "s", series, random));
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(random))
                .addScopeMetrics(scope)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0"))
        .build();
  }

  /** Distinct for every series: the worker id tells apart series whose other attributes repeat. */
  private static List<KeyValue> seriesAttributes(int i) {
    return List.of(
        KeyValues.string("http.request.method", METHODS[i % METHODS.length]),
        KeyValues.string("http.route", ROUTES[(i / METHODS.length) % ROUTES.length]),
        KeyValues.integer("http.response.status_code", STATUS_CODES[i % STATUS_CODES.length]),
        KeyValues.string("server.address", "orders.internal"),
        KeyValues.string("worker.id", "w-" + i));
  }

  private static Metric gauge(
      String name,
      String unit,
      List<List<KeyValue>> series,
      SplittableRandom random,
      boolean fraction) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (List<KeyValue> attributes : series) {
      NumberDataPoint.Builder point =
          NumberDataPoint.newBuilder()
              .addAllAttributes(attributes)
              .setTimeUnixNano(BASE_TIME_NANOS);
      if (fraction) {
        point.setAsDouble(random.nextDouble());
      } else {
        point.setAsInt(random.nextLong(1_000_000_000L));
      }
      gauge.addDataPoints(point);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setGauge(gauge).build();
  }

  private static Metric sum(
      String name,
      String unit,
      List<List<KeyValue>> series,
      SplittableRandom random,
      boolean fraction) {
    Sum.Builder sum =
        Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true);
    for (List<KeyValue> attributes : series) {
      NumberDataPoint.Builder point =
          NumberDataPoint.newBuilder()
              .addAllAttributes(attributes)
              .setStartTimeUnixNano(START_TIME_NANOS)
              .setTimeUnixNano(BASE_TIME_NANOS);
      if (fraction) {
        point.setAsDouble(random.nextDouble() * 10_000);
      } else {
        point.setAsInt(random.nextLong(10_000_000L));
      }
      sum.addDataPoints(point);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(sum).build();
  }

  private static Metric histogram(
      String name, String unit, List<List<KeyValue>> series, SplittableRandom random) {
    Histogram.Builder histogram =
        Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    for (List<KeyValue> attributes : series) {
      HistogramDataPoint.Builder point =
          HistogramDataPoint.newBuilder()
              .addAllAttributes(attributes)
              .setStartTimeUnixNano(START_TIME_NANOS)
              .setTimeUnixNano(BASE_TIME_NANOS);
      long count = 0;
      for (int b = 0; b <= BOUNDS.length; b++) {
        long inBucket = random.nextLong(1_000);
        point.addBucketCounts(inBucket);
        count += inBucket;
      }
      for (double bound : BOUNDS) {
        point.addExplicitBounds(bound);
      }
      point.setCount(count).setSum(count * random.nextDouble(0.5)).setMin(0.001).setMax(7.5);
      histogram.addDataPoints(point);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(histogram).build();
  }

  private static Resource resource(SplittableRandom random) {
    return Resource.newBuilder()
        .addAttributes(KeyValues.string("service.name", "checkout"))
        .addAttributes(KeyValues.string("service.instance.id", Long.toHexString(random.nextLong())))
        .addAttributes(KeyValues.string("service.version", "1.4." + random.nextInt(20)))
        .addAttributes(KeyValues.string("host.name", "node-" + random.nextInt(64)))
        .addAttributes(KeyValues.string("deployment.environment.name", "production"))
        .addAttributes(KeyValues.string("telemetry.sdk.language", "java"))
        .build();
  }
}
