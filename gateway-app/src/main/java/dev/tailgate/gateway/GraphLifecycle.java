package dev.tailgate.gateway;

import dev.tailgate.pipeline.graph.ServiceGraph;
import io.dropwizard.lifecycle.Managed;

/**
 * Starts the pipelines with the server and stops them after Jetty has closed its connectors, so
 * OTLP/HTTP has stopped taking data before processors and exporters drain.
 */
final class GraphLifecycle implements Managed {
  private final ServiceGraph graph;

  GraphLifecycle(ServiceGraph graph) {
    this.graph = graph;
  }

  @Override
  public void start() {
    graph.start();
  }

  @Override
  public void stop() {
    graph.shutdown();
  }
}
