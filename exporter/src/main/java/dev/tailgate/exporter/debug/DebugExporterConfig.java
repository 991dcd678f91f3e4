package dev.tailgate.exporter.debug;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code exporters.debug}: writes batches to the log. Sampling keeps a busy gateway's log readable:
 * the first {@code sampling_initial} batches of each second are written, then every {@code
 * sampling_thereafter}-th.
 */
public record DebugExporterConfig(
    @JsonProperty("verbosity") Verbosity verbosity,
    @JsonProperty("sampling_initial") Integer samplingInitial,
    @JsonProperty("sampling_thereafter") Integer samplingThereafter)
    implements Validatable {

  public DebugExporterConfig {
    verbosity = verbosity == null ? Verbosity.BASIC : verbosity;
    samplingInitial = samplingInitial == null ? 2 : samplingInitial;
    samplingThereafter = samplingThereafter == null ? 1 : samplingThereafter;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(samplingInitial > 0, "sampling_initial", "must be > 0");
    errors.check(samplingThereafter > 0, "sampling_thereafter", "must be > 0");
  }
}
