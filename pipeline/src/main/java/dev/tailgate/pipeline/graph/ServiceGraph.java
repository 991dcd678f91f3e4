package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running components. Starts exporters first and receivers last, so nothing is sent to a
 * component that is not ready; stops receivers first, then processors in data order, then
 * exporters, so that everything accepted drains downstream.
 */
public final class ServiceGraph {
  private static final Logger log = LoggerFactory.getLogger(ServiceGraph.class);

  private final Map<ComponentId, Receiver> receivers;
  private final Map<PipelineId, List<Processor<?>>> processors;
  private final Map<String, Exporter<?>> exporters;
  private volatile boolean running;
  private boolean stopped;

  ServiceGraph(
      Map<ComponentId, Receiver> receivers,
      Map<PipelineId, List<Processor<?>>> processors,
      Map<String, Exporter<?>> exporters) {
    this.receivers = Map.copyOf(receivers);
    this.processors = Map.copyOf(processors);
    this.exporters = Map.copyOf(exporters);
  }

  /** Exporters by {@code id (signal)}, for health and admin views. */
  public Map<String, Exporter<?>> exporters() {
    return exporters;
  }

  public Map<PipelineId, List<Processor<?>>> processors() {
    return processors;
  }

  public boolean running() {
    return running;
  }

  public synchronized void start() {
    List<Component> order = new ArrayList<>(exporters.values());
    processors.values().forEach(chain -> {
      for (int i = chain.size() - 1; i >= 0; i--) {
        order.add(chain.get(i));
      }
    });
    order.addAll(receivers.values());
    try {
      for (Component component : order) {
        component.start();
      }
    } catch (RuntimeException e) {
      shutdown();
      throw e;
    }
    running = true;
  }

  /**
   * Stops every component once: a start that failed has already stopped the graph, and the
   * lifecycle that started it will still call this again.
   */
  public synchronized void shutdown() {
    running = false;
    if (stopped) {
      return;
    }
    stopped = true;
    List<Component> order = new ArrayList<>(receivers.values());
    processors.values().forEach(order::addAll);
    order.addAll(exporters.values());
    for (Component component : order) {
      try {
        component.shutdown();
      } catch (RuntimeException e) {
        log.warn("shutdown of {} failed", component, e);
      }
    }
  }
}
