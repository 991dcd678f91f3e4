package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.SignalConsumers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running components. Starts exporters first and receivers last, so nothing is sent to a
 * component that is not ready; stops receivers first, then processors in data order, then
 * exporters, so that everything accepted drains downstream.
 */
public final class ServiceGraph {
  private static final Logger log = LoggerFactory.getLogger(ServiceGraph.class);

  /** Guarded by this: a config reload may put a rebuilt receiver in its place. */
  private final Map<ComponentId, RunningReceiver> receivers;

  private final Map<PipelineId, List<Processor<?>>> processors;
  private final Map<GraphPlan.ExporterKey, ReplaceableExporter<?>> exporters;
  private final Function<ComponentId, ComponentSettings> settings;
  private volatile boolean running;
  private boolean stopped;

  ServiceGraph(
      Map<ComponentId, RunningReceiver> receivers,
      Map<PipelineId, List<Processor<?>>> processors,
      Map<GraphPlan.ExporterKey, ReplaceableExporter<?>> exporters,
      Function<ComponentId, ComponentSettings> settings) {
    this.receivers = new LinkedHashMap<>(receivers);
    this.processors = Map.copyOf(processors);
    // Ordered as built, so that views list exporters as the config does.
    this.exporters = Collections.unmodifiableMap(new LinkedHashMap<>(exporters));
    this.settings = settings;
  }

  /**
   * The running exporters by {@code id (signal)}, for health and admin views: the instances now, so
   * a view that must follow a rebuild (see {@link #replaceExporter}) asks again each time.
   */
  public Map<String, Exporter<?>> exporters() {
    Map<String, Exporter<?>> now = new LinkedHashMap<>();
    exporters.forEach((key, place) -> now.put(key.name(), place.current()));
    return now;
  }

  /**
   * Rebuilds exporter {@code id} (each signal's instance, one after another) from {@code plan}, the
   * checked plan of a reloaded config, handing every batch it holds to the new instance. Returns
   * what changed; an instance that cannot be built keeps running as before and the error is thrown.
   */
  public synchronized List<String> replaceExporter(GraphPlan plan, ComponentId id) {
    BoundExporter<?> spec =
        plan.exporter(id)
            .orElseThrow(
                () -> new IllegalArgumentException("exporter " + id + " is not in the new plan"));
    List<String> lines = new ArrayList<>();
    exporters.forEach(
        (key, place) -> {
          if (key.id().equals(id)) {
            rebuild(place, spec);
            lines.add(
                "exporters."
                    + id
                    + " ("
                    + key.signal().name()
                    + "): rebuilt; its queued data was handed over");
          }
        });
    return lines;
  }

  /**
   * Rebuilds receiver {@code id} from {@code plan}, the checked plan of a reloaded config: the
   * running instance stops (requests under way finish, new ones are refused retryably or find the
   * port closed for a moment, and clients retry), then the new one starts on the same pipelines. If
   * the new one cannot start, the old config is built again and the error is thrown.
   */
  public synchronized List<String> replaceReceiver(GraphPlan plan, ComponentId id) {
    BoundReceiver<?> spec =
        plan.receiver(id)
            .orElseThrow(
                () -> new IllegalArgumentException("receiver " + id + " is not in the new plan"));
    RunningReceiver current = receivers.get(id);
    if (current == null || !running) {
      return List.of();
    }
    current.receiver().shutdown();
    try {
      receivers.put(id, current.startedFrom(spec, settings.apply(id)));
    } catch (RuntimeException e) {
      try {
        receivers.put(id, current.startedFrom(current.spec(), settings.apply(id)));
      } catch (RuntimeException again) {
        log.error(
            "receiver {} is down: neither its new nor its old config could start again", id, again);
      }
      throw e;
    }
    return List.of("receivers." + id + ": rebuilt");
  }

  /** A running receiver, what it was built from, and the pipelines it feeds. */
  record RunningReceiver(Receiver receiver, BoundReceiver<?> spec, SignalConsumers next) {
    /**
     * A new instance from {@code from}, started. The port the old instance just closed can take a
     * moment to be free again, so a fresh instance is tried a few times within about two seconds (a
     * server that failed to start cannot start again); each one that fails is stopped.
     */
    RunningReceiver startedFrom(BoundReceiver<?> from, ComponentSettings settings) {
      for (int attempt = 1; ; attempt++) {
        Receiver fresh = from.create(settings, next);
        try {
          fresh.start();
          return new RunningReceiver(fresh, from, next);
        } catch (RuntimeException e) {
          fresh.shutdown();
          if (attempt == 10) {
            throw e;
          }
          try {
            Thread.sleep(200);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }

  private <T> void rebuild(ReplaceableExporter<T> place, BoundExporter<?> spec) {
    place.replace(() -> spec.create(settings.apply(spec.id()), place.signal()));
  }

  public Map<PipelineId, List<Processor<?>>> processors() {
    return processors;
  }

  public boolean running() {
    return running;
  }

  public synchronized void start() {
    List<Component> order = new ArrayList<Component>(exporters.values());
    processors
        .values()
        .forEach(
            chain -> {
              for (int i = chain.size() - 1; i >= 0; i--) {
                order.add(chain.get(i));
              }
            });
    receivers.values().forEach(receiver -> order.add(receiver.receiver()));
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
   * lifecycle that started it will still call this again. Receivers first, then each pipeline's
   * processors in data order, then all exporters at once: they drain to different backends, and one
   * after another a dead backend's full wait would come on top of the next one's. Every component
   * drains against the same {@link dev.tailgate.pipeline.ShutdownDeadline}.
   */
  public synchronized void shutdown() {
    running = false;
    if (stopped) {
      return;
    }
    stopped = true;
    List<Component> inOrder = new ArrayList<>();
    receivers.values().forEach(receiver -> inOrder.add(receiver.receiver()));
    processors.values().forEach(inOrder::addAll);
    inOrder.forEach(ServiceGraph::stop);
    List<Thread> draining = new ArrayList<>();
    for (ReplaceableExporter<?> exporter : exporters.values()) {
      Thread thread = new Thread(() -> stop(exporter), "shutdown-" + exporter);
      thread.start();
      draining.add(thread);
    }
    for (Thread thread : draining) {
      try {
        // Each exporter ends by the shared deadline (its own is the same one); no second bound
        // here.
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void stop(Component component) {
    try {
      component.shutdown();
    } catch (RuntimeException e) {
      log.warn("shutdown of {} failed", component, e);
    }
  }
}
