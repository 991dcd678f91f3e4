package dev.tailgate.gateway.admin.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status.json} answers: the pipeline graph and what moved through it in the last
 * window. Counts are items (spans, metric points, log records) unless named otherwise.
 */
public record GatewayStatus(
    Gateway gateway,
    String sampledAt,
    long windowSeconds,
    List<Pipeline> pipelines,
    List<Component> components,
    List<Queue> queues,
    Memory memory,
    List<TailSampling> tailSampling) {

  public GatewayStatus {
    pipelines = List.copyOf(pipelines);
    components = List.copyOf(components);
    queues = List.copyOf(queues);
    tailSampling = List.copyOf(tailSampling);
  }

  public record Gateway(String version, String startedAt, long uptimeSeconds) {}

  /** One entry of {@code service.pipelines}, in data order. */
  public record Pipeline(String id, String signal, List<String> receivers, List<String> processors, List<String> exporters) {
    public Pipeline {
      receivers = List.copyOf(receivers);
      processors = List.copyOf(processors);
      exporters = List.copyOf(exporters);
    }
  }

  /**
   * One component for one signal. {@code counts} holds accepted and refused for a receiver,
   * refused and failed (dropped) for a processor, sent, refused (queue full) and failed (given up
   * on) for an exporter. {@code state} is derived from what moved in the window: a rising failed
   * count is {@code failing}, a rising refused count {@code refusing}.
   */
  public record Component(String kind, String id, String items, String state, Map<String, Count> counts) {
    public Component {
      counts = ordered(counts);
    }
  }

  /** A counter: its total since start, its change in the window, and that change per second. */
  public record Count(long total, long lastWindow, double perSecond) {}

  public record Queue(String exporter, long size, long capacity, String unit, double fill) {}

  public record Memory(long usedBytes, long limitBytes, double fill, Count refusals) {}

  public record TailSampling(
      String processor,
      long tracesInMemory,
      long spansInMemory,
      long bufferedBytes,
      List<Decision> decisions,
      Map<String, Count> lateSpans,
      Map<String, Count> decidedEarly) {
    public TailSampling {
      decisions = List.copyOf(decisions);
      lateSpans = ordered(lateSpans);
      decidedEarly = ordered(decidedEarly);
    }
  }

  /** How often one policy gave one outcome (sample, not_sample, drop, error), one per trace. */
  public record Decision(String policy, String outcome, Count count) {}

  /** Immutable, in the order given: the page shows the columns in this order. */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
