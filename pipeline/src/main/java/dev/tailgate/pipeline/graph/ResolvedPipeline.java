package dev.tailgate.pipeline.graph;

import java.util.List;

/** A pipeline whose references all exist and support its signal. */
record ResolvedPipeline(
    PipelineId id,
    List<BoundReceiver<?>> receivers,
    List<BoundProcessor<?>> processors,
    List<BoundExporter<?>> exporters) {}
