package dev.tailgate.exporter.prometheusremotewrite;

import java.math.BigDecimal;

/**
 * Floats as Prometheus spells them in {@code le} and {@code quantile} labels: the shortest plain
 * decimal ({@code 1}, {@code 0.25}, {@code 1000}), {@code +Inf}, {@code -Inf}, {@code NaN}. A query
 * for {@code le="1"} must find the bucket, so {@code 1.0} would not do.
 */
final class PrometheusFloats {
  private PrometheusFloats() {}

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
