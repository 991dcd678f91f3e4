package dev.tailgate.gateway.admin.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status.json} answers: the pipeline graph and what moved through it in the last
 * window, how each exporter's sending goes, and which config runs. Counts are items (spans, metric
 * points, log records) unless named otherwise. Times are ISO-8601 instants; a time or an error that
 * does not exist (yet) is {@code null}.
 */
public record GatewayStatus(
    Gateway gateway,
    String sampledAt,
    long windowSeconds,
    List<Pipeline> pipelines,
    List<Component> components,
    List<Queue> queues,
    Memory memory,
    List<TailSampling> tailSampling,
    List<Sending> sending,
    Config config) {

  public GatewayStatus {
    pipelines = List.copyOf(pipelines);
    components = List.copyOf(components);
    queues = List.copyOf(queues);
    tailSampling = List.copyOf(tailSampling);
    sending = List.copyOf(sending);
  }

  public record Gateway(String version, String startedAt, long uptimeSeconds) {}

  /** One entry of {@code service.pipelines}, in data order. */
  public record Pipeline(
      String id,
      String signal,
      List<String> receivers,
      List<String> processors,
      List<String> exporters) {
    public Pipeline {
      receivers = List.copyOf(receivers);
      processors = List.copyOf(processors);
      exporters = List.copyOf(exporters);
    }
  }

  /**
   * One component for one signal. {@code counts} holds accepted and refused for a receiver, refused
   * and failed (dropped) for a processor, sent, refused (queue full) and failed (given up on) for
   * an exporter. {@code state} is derived from what moved in the window: a rising failed count is
   * {@code failing}, a rising refused count {@code refusing}.
   */
  public record Component(
      String kind, String id, String items, String state, Map<String, Count> counts) {
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
      Map<String, Count> decidedEarly,
      List<Peer> peers) {
    public TailSampling {
      decisions = List.copyOf(decisions);
      lateSpans = ordered(lateSpans);
      decidedEarly = ordered(decidedEarly);
      peers = List.copyOf(peers);
    }
  }

  /**
   * A member of the trace-aware ring ({@code peers}; empty without it): this replica ({@code self})
   * first, then every known peer in address order. A healthy peer owns traces ({@code owner});
   * {@code lastHeard} is its last answer, null before the first (and for self).
   */
  public record Peer(
      String address, boolean self, boolean healthy, boolean owner, String lastHeard) {}

  /**
   * One exporter (per signal, named as in {@code queues}): the batches waiting out a retry backoff
   * and those in an attempt now, and the last attempt that failed (null until one does).
   */
  public record Sending(String exporter, int retrying, int sending, LastError lastError) {}

  /** A failed attempt: the first line of its error (at most 300 characters), when, and its kind. */
  public record LastError(String message, String at, boolean permanent) {}

  /**
   * The config the gateway runs: its version (the first 12 hex digits of the SHA-256 of the config
   * file's text), and what the last reload did (null before the first).
   */
  public record Config(String runningVersion, Reload lastReload) {}

  /**
   * One reload: when, its trigger ({@code file_change}, {@code admin_task}), whether it was applied
   * or refused, the version of the file it read, and its report. A refused reload's lines name the
   * config paths that are wrong; the running config stays.
   */
  public record Reload(
      String at, String trigger, boolean applied, String configVersion, List<String> lines) {
    public Reload {
      lines = List.copyOf(lines);
    }
  }

  /** How often one policy gave one outcome (sample, not_sample, drop, error), one per trace. */
  public record Decision(String policy, String outcome, Count count) {}

  /** Immutable, in the order given: the page shows the columns in this order. */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
