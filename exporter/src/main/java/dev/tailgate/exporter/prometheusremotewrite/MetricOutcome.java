package dev.tailgate.exporter.prometheusremotewrite;

/**
 * The newest timestamp among a metric's translated points (for target_info) and the points dropped.
 */
record MetricOutcome(long latestMillis, int dropped) {
  static final MetricOutcome NOTHING = new MetricOutcome(Long.MIN_VALUE, 0);

  static MetricOutcome dropped(int points) {
    return new MetricOutcome(Long.MIN_VALUE, points);
  }

  MetricOutcome plusTime(long millis) {
    return new MetricOutcome(Math.max(latestMillis, millis), dropped);
  }

  MetricOutcome plusDropped() {
    return new MetricOutcome(latestMillis, dropped + 1);
  }
}
