package dev.tailgate.pipeline.graph;

import java.util.List;

/** A pipeline whose references all exist and support its signal. */
record ResolvedPipeline(
    PipelineId id,
    List<BoundComponent> receivers,
    List<BoundComponent> processors,
    List<BoundComponent> exporters) {}
