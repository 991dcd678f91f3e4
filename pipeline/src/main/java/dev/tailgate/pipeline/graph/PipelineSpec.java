package dev.tailgate.pipeline.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One entry of {@code service.pipelines}: the component ids it chains, in order. */
public record PipelineSpec(
    @JsonProperty("receivers") List<String> receivers,
    @JsonProperty("processors") List<String> processors,
    @JsonProperty("exporters") List<String> exporters) {

  public PipelineSpec {
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    processors = processors == null ? List.of() : List.copyOf(processors);
    exporters = exporters == null ? List.of() : List.copyOf(exporters);
  }
}
