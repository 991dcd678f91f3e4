package dev.tailgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.metrics.v1.NumberDataPoint;

/** The running total of a delta sum; integer sums stay integers. */
record SumTotal(long start, long last, boolean integer, long intTotal, double doubleTotal) {

  static SumTotal first(NumberDataPoint point) {
    long start =
        point.getStartTimeUnixNano() != 0 ? point.getStartTimeUnixNano() : point.getTimeUnixNano();
    return new SumTotal(
        start,
        point.getTimeUnixNano(),
        DeltaToCumulative.isInteger(point),
        point.getAsInt(),
        point.getAsDouble());
  }

  SumTotal plus(NumberDataPoint point) {
    return new SumTotal(
        start,
        point.getTimeUnixNano(),
        integer,
        intTotal + point.getAsInt(),
        doubleTotal + point.getAsDouble());
  }

  NumberDataPoint toPoint(NumberDataPoint delta) {
    NumberDataPoint.Builder out = delta.toBuilder().setStartTimeUnixNano(start);
    return integer ? out.setAsInt(intTotal).build() : out.setAsDouble(doubleTotal).build();
  }
}
