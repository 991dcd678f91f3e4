package dev.tailgate.gateway;

import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.GraphPlanner;

/** Validates a loaded config.yml into a graph plan; shared by {@code check} and {@code server}. */
final class GatewayPlanner {
  private GatewayPlanner() {}

  /** Throws {@link dev.tailgate.pipeline.config.ConfigException} naming every problem's path. */
  static GraphPlan plan(TailgateConfiguration config) {
    ConfigErrors errors = new ConfigErrors();
    config.getService().getMemory().validate(errors.at("service.memory"));
    config.getService().getAdmin().validate(errors.at("service.admin"));
    ExtensionsPlanner.plan(config, errors);
    GraphPlan plan = null;
    try {
      plan =
          new GraphPlanner(TailgateComponents.registry(), new ConfigBinder())
              .plan(
                  config.getReceivers(),
                  config.getProcessors(),
                  config.getExporters(),
                  config.getService().getPipelines());
    } catch (ConfigException e) {
      e.problems().forEach(problem -> errors.add("", problem));
    }
    errors.throwIfAny();
    return plan;
  }
}
