package dev.tailgate.exporter.debug;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/**
 * {@code exporters.debug}: writes batches to the log, or with {@code use_internal_logger: false} to
 * {@code output_paths} (default stdout). Sampling keeps a busy gateway's log readable: the first
 * {@code sampling_initial} batches of each second are written, then every {@code
 * sampling_thereafter}-th.
 */
public record DebugExporterConfig(
    @JsonProperty("verbosity") Verbosity verbosity,
    @JsonProperty("sampling_initial") Integer samplingInitial,
    @JsonProperty("sampling_thereafter") Integer samplingThereafter,
    @JsonProperty("use_internal_logger") Boolean useInternalLogger,
    @JsonProperty("output_paths") List<String> outputPaths,
    @JsonProperty("sending_queue") JsonNode sendingQueue)
    implements Validatable {

  public DebugExporterConfig {
    verbosity = verbosity == null ? Verbosity.BASIC : verbosity;
    samplingInitial = samplingInitial == null ? 2 : samplingInitial;
    samplingThereafter = samplingThereafter == null ? 1 : samplingThereafter;
    useInternalLogger = useInternalLogger == null ? Boolean.TRUE : useInternalLogger;
    outputPaths = outputPaths == null ? null : List.copyOf(outputPaths);
  }

  public DebugExporterConfig(
      Verbosity verbosity, Integer samplingInitial, Integer samplingThereafter) {
    this(verbosity, samplingInitial, samplingThereafter, null, null, null);
  }

  /** Where entries go without the internal logger: {@code output_paths}, else stdout. */
  public List<String> outputs() {
    return outputPaths == null ? List.of("stdout") : outputPaths;
  }

  @Override
  public void validate(ConfigErrors errors) {
    // As the Collector: output_paths would be silently ignored beside the internal logger.
    errors.check(
        !useInternalLogger || outputPaths == null,
        "output_paths",
        "is not supported when use_internal_logger is true");
    errors.check(
        useInternalLogger || outputPaths == null || !outputPaths.isEmpty(),
        "output_paths",
        "must not be empty when use_internal_logger is false");
    if (sendingQueue != null && !sendingQueue.isNull()) {
      errors.warn(
          "sending_queue",
          "has no effect here: the debug exporter writes each batch as it comes, without a queue");
    }
    errors.check(samplingInitial > 0, "sampling_initial", "must be > 0");
    errors.check(samplingThereafter > 0, "sampling_thereafter", "must be > 0");
  }
}
