package dev.tailgate.gateway;

import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.graph.ServiceGraph;
import io.dropwizard.lifecycle.Managed;

/**
 * Starts the pipelines with the server and stops them after Jetty has closed its connectors, so
 * OTLP/HTTP has stopped taking data before processors and exporters drain. The stop begins the
 * shutdown's one deadline: every component drains against it.
 */
final class GraphLifecycle implements Managed {
  private final ServiceGraph graph;
  private final ShutdownDeadline deadline;

  GraphLifecycle(ServiceGraph graph, ShutdownDeadline deadline) {
    this.graph = graph;
    this.deadline = deadline;
  }

  @Override
  public void start() {
    graph.start();
  }

  @Override
  public void stop() {
    deadline.begin();
    graph.shutdown();
  }
}
