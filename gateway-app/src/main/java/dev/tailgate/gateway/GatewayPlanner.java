package dev.tailgate.gateway;

import dev.tailgate.pipeline.FactoryRegistry;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.GraphPlanner;

/**
 * Validates a loaded config.yml into a graph plan; shared by {@code check}, {@code server} and the
 * config reload. Besides each component's own config, it checks what the gateway would otherwise
 * find only while it creates and starts the components (the one HTTP endpoint, ports in use twice,
 * {@code server.type}, persistent queue directories), so that {@code check} passes exactly what
 * {@code server} runs.
 */
final class GatewayPlanner {
  private GatewayPlanner() {}

  /** Throws {@link dev.tailgate.pipeline.config.ConfigException} naming every problem's path. */
  static GraphPlan plan(TailgateConfiguration config) {
    ConfigErrors errors = new ConfigErrors();
    ServiceConfig service = config.getService();
    service.getMemory().validate(errors.at("service.memory"));
    service.getAdmin().validate(errors.at("service.admin"));
    // A key written without a value; the gateway would fail on it as it creates the components.
    errors.check(
        service.getDrainTimeout() != null,
        "service.drain_timeout",
        "must be a duration (example: 30s)");
    if (service.getTelemetry() != null && !service.getTelemetry().isNull()) {
      errors.warn(
          "service.telemetry",
          "has no effect here: self-metrics are served on the admin port at /metrics and logs are"
              + " configured under logging: (Dropwizard)");
    }
    ExtensionsPlanner.plan(config, errors);
    FactoryRegistry registry = TailgateComponents.registry();
    GraphPlan plan =
        new GraphPlanner(registry, new ConfigBinder())
            .plan(
                config.getReceivers(),
                config.getProcessors(),
                config.getExporters(),
                service.getPipelines(),
                errors);
    ReceiverEndpoints receivers =
        ReceiverEndpoints.of(config.getReceivers(), service.getPipelines(), registry);
    HttpEndpointPlanner.plan(receivers.http(), errors);
    ListenersPlanner.plan(config.getServerFactory(), receivers, errors);
    QueueStoragePlanner.plan(config.getExporters(), service.getPipelines(), errors);
    OtlpHttpEndpointsPlanner.plan(config.getExporters(), service.getPipelines(), errors);
    errors.throwIfAny();
    return plan.withWarnings(errors.warnings());
  }
}
