package dev.tailgate.gateway.admin.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's own counters ({@code tailgate.*}) at one moment. Counters only: they are
 * cumulative, so two readings give the change between them; gauges are read live when the status is
 * asked for.
 */
record CounterReading(Instant at, Map<SeriesKey, Double> values) {
  private static final String OWN_PREFIX = "tailgate.";

  CounterReading {
    values = Map.copyOf(values);
  }

  static CounterReading of(MeterRegistry registry, Instant at) {
    Map<SeriesKey, Double> values = new HashMap<>();
    for (Meter meter : registry.getMeters()) {
      if (!meter.getId().getName().startsWith(OWN_PREFIX)) {
        continue;
      }
      if (meter instanceof Counter counter) {
        values.merge(SeriesKey.of(meter.getId()), counter.count(), Double::sum);
      } else if (meter instanceof FunctionCounter counter) {
        values.merge(SeriesKey.of(meter.getId()), counter.count(), Double::sum);
      }
    }
    return new CounterReading(at, values);
  }

  /**
   * The sum over every series of this name that carries the required tags; 0 when none exists yet.
   */
  double sum(String name, Map<String, String> required) {
    double sum = 0;
    for (Map.Entry<SeriesKey, Double> series : values.entrySet()) {
      if (series.getKey().matches(name, required)) {
        sum += series.getValue();
      }
    }
    return sum;
  }
}
