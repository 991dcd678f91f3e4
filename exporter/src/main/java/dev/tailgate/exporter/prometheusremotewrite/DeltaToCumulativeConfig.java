package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code delta_to_cumulative}: bounds on the running totals kept to turn delta sums and histograms
 * into the cumulative series Prometheus expects. A series not seen for {@code max_stale} is
 * forgotten (its next delta starts a new total); past {@code max_tracked_series} the least recently
 * used ones are.
 */
public record DeltaToCumulativeConfig(
    @JsonProperty("max_tracked_series") Integer maxTrackedSeries,
    @JsonProperty("max_stale") Duration maxStale)
    implements Validatable {

  public static final DeltaToCumulativeConfig DEFAULT = new DeltaToCumulativeConfig(null, null);

  public DeltaToCumulativeConfig {
    maxTrackedSeries = maxTrackedSeries == null ? 100_000 : maxTrackedSeries;
    maxStale = maxStale == null ? Duration.ofMinutes(5) : maxStale;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(maxTrackedSeries > 0, "max_tracked_series", "must be > 0");
    errors.check(maxStale.toNanos() > 0, "max_stale", "must be > 0");
  }
}
