package dev.tailgate.gateway.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.tailgate.pipeline.graph.ServiceGraph;

/** Healthy while the pipelines run. */
public final class PipelinesHealthCheck extends HealthCheck {
  private final ServiceGraph graph;

  public PipelinesHealthCheck(ServiceGraph graph) {
    this.graph = graph;
  }

  @Override
  protected Result check() {
    return graph.running()
        ? Result.healthy("pipelines running: %s", graph.processors().keySet())
        : Result.unhealthy("pipelines are not running");
  }
}
