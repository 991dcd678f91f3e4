package dev.tailgate.gateway.admin.status;

import dev.tailgate.gateway.admin.status.GatewayStatus.Pipeline;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.PipelineId;
import dev.tailgate.pipeline.graph.PipelineSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline graph the gateway runs: the plan's pipelines, in its order, with the component ids
 * each one chains. The plan has validated {@code service.pipelines}, so every spec here resolved.
 */
final class PipelineTopology {
  private final List<Pipeline> pipelines;

  PipelineTopology(GraphPlan plan, Map<String, PipelineSpec> specs) {
    List<Pipeline> built = new ArrayList<>();
    for (PipelineId id : plan.pipelineIds()) {
      specs.forEach(
          (key, spec) -> {
            // The plan's ids are parsed keys; compare as written so "traces" and "traces/" cannot
            // mix.
            if (PipelineId.parse(key).toString().equals(id.toString())) {
              built.add(
                  new Pipeline(
                      id.toString(),
                      id.signal().name(),
                      spec.receivers(),
                      spec.processors(),
                      spec.exporters()));
            }
          });
    }
    this.pipelines = List.copyOf(built);
  }

  List<Pipeline> pipelines() {
    return pipelines;
  }

  /**
   * Every component once per signal, receivers first, then processors, then exporters, each in the
   * order the pipelines name them: the order data flows.
   */
  List<ComponentRef> components() {
    Set<ComponentRef> receivers = new LinkedHashSet<>();
    Set<ComponentRef> processors = new LinkedHashSet<>();
    Set<ComponentRef> exporters = new LinkedHashSet<>();
    for (Pipeline pipeline : pipelines) {
      String items = itemsOf(pipeline.signal());
      pipeline
          .receivers()
          .forEach(id -> receivers.add(new ComponentRef(ComponentRef.RECEIVER, id, items)));
      pipeline
          .processors()
          .forEach(id -> processors.add(new ComponentRef(ComponentRef.PROCESSOR, id, items)));
      pipeline
          .exporters()
          .forEach(id -> exporters.add(new ComponentRef(ComponentRef.EXPORTER, id, items)));
    }
    List<ComponentRef> all = new ArrayList<>(receivers);
    all.addAll(processors);
    all.addAll(exporters);
    return all;
  }

  private static String itemsOf(String signal) {
    return Signal.byName(signal).itemName();
  }
}
