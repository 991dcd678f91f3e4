package dev.tailgate.gateway.admin.status;

import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.gateway.admin.status.GatewayStatus.Component;
import dev.tailgate.gateway.admin.status.GatewayStatus.Count;
import dev.tailgate.gateway.admin.status.GatewayStatus.Decision;
import dev.tailgate.gateway.admin.status.GatewayStatus.Gateway;
import dev.tailgate.gateway.admin.status.GatewayStatus.Memory;
import dev.tailgate.gateway.admin.status.GatewayStatus.Queue;
import dev.tailgate.gateway.admin.status.GatewayStatus.TailSampling;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.exporterhelper.QueueStatus;
import dev.tailgate.pipeline.exporterhelper.SendStatus;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds the status from what the gateway already measures: a fresh reading of its counters
 * compared with the oldest reading of the window, and its gauges read now. It adds no
 * instrumentation of its own, so the page cannot disagree with {@code /metrics}.
 */
final class StatusAssembler {
  private static final String TAIL_SAMPLING = "tailgate.processor.tail_sampling.";
  private static final List<String> OUTCOME_ORDER =
      List.of("sample", "not_sample", "drop", "error");

  private final PipelineTopology topology;

  /** The exporters now: a config reload may have rebuilt one since the last look. */
  private final Supplier<Map<String, Exporter<?>>> exporters;

  private final Map<String, Supplier<List<PeerState>>> peers;
  private final ReloadLog reloadLog;
  private final MemoryBudget memory;
  private final MeterRegistry registry;
  private final CounterWindow window;
  private final Clock clock;
  private final String version;
  private final Instant startedAt;

  StatusAssembler(
      PipelineTopology topology,
      Supplier<Map<String, Exporter<?>>> exporters,
      Map<String, Supplier<List<PeerState>>> peers,
      ReloadLog reloadLog,
      MemoryBudget memory,
      MeterRegistry registry,
      CounterWindow window,
      Clock clock,
      String version) {
    this.topology = topology;
    this.exporters = exporters;
    this.peers = Map.copyOf(peers);
    this.reloadLog = reloadLog;
    this.memory = memory;
    this.registry = registry;
    this.window = window;
    this.clock = clock;
    this.version = version;
    this.startedAt = clock.instant();
  }

  GatewayStatus status() {
    CounterReading now = CounterReading.of(registry, clock.instant());
    Map<String, QueueStatus> queues = new TreeMap<>();
    Map<String, SendStatus> senders = new TreeMap<>();
    exporters
        .get()
        .forEach(
            (name, exporter) -> {
              if (exporter instanceof QueueStatus queue) {
                queues.put(name, queue);
              }
              if (exporter instanceof SendStatus sending) {
                senders.put(name, sending);
              }
            });
    Changes changes = new Changes(window.baseline(now), now);
    return new GatewayStatus(
        new Gateway(
            version, startedAt.toString(), Duration.between(startedAt, now.at()).toSeconds()),
        now.at().toString(),
        Math.round(changes.seconds),
        topology.pipelines(),
        components(changes),
        queues(queues),
        memory(changes),
        tailSampling(changes),
        StatusSections.sending(senders),
        StatusSections.config(reloadLog));
  }

  private List<Component> components(Changes changes) {
    List<Component> components = new ArrayList<>();
    for (ComponentRef ref : topology.components()) {
      components.add(
          switch (ref.kind()) {
            case ComponentRef.RECEIVER -> receiver(ref, changes);
            case ComponentRef.PROCESSOR -> processor(ref, changes);
            default -> exporter(ref, changes);
          });
    }
    return components;
  }

  private static Component receiver(ComponentRef ref, Changes changes) {
    Map<String, String> tags = Map.of("receiver", ref.id());
    Count accepted = changes.count("tailgate.receiver.accepted." + ref.items(), tags);
    Count refused = changes.count("tailgate.receiver.refused." + ref.items(), tags);
    String state =
        refused.lastWindow() > 0 ? "refusing" : accepted.lastWindow() > 0 ? "receiving" : "idle";
    return new Component(
        ref.kind(), ref.id(), ref.items(), state, counts("accepted", accepted, "refused", refused));
  }

  /**
   * Processors count only what they hold back: refused (memory_limiter) and dropped (batch,
   * tail_sampling).
   */
  private static Component processor(ComponentRef ref, Changes changes) {
    Map<String, String> tags = Map.of("processor", ref.id());
    String prefix = "tailgate.processor." + ref.type() + ".";
    Count refused = changes.count(prefix + "refused." + ref.items(), tags);
    Count failed = changes.count(prefix + "dropped." + ref.items(), tags);
    String state =
        failed.lastWindow() > 0 ? "dropping" : refused.lastWindow() > 0 ? "refusing" : "ok";
    return new Component(
        ref.kind(), ref.id(), ref.items(), state, counts("refused", refused, "failed", failed));
  }

  /**
   * A send_failed count that rose in the window is what "failing" means here (retries exhausted or
   * a permanent error); the last error itself is in {@code sending}.
   */
  private static Component exporter(ComponentRef ref, Changes changes) {
    Map<String, String> tags = Map.of("exporter", ref.id());
    Count sent = changes.count("tailgate.exporter.sent." + ref.items(), tags);
    Count refused = changes.count("tailgate.exporter.enqueue_failed." + ref.items(), tags);
    Count failed = changes.count("tailgate.exporter.send_failed." + ref.items(), tags);
    String state =
        failed.lastWindow() > 0
            ? "failing"
            : refused.lastWindow() > 0 ? "refusing" : sent.lastWindow() > 0 ? "sending" : "idle";
    Map<String, Count> counts = new LinkedHashMap<>();
    counts.put("sent", sent);
    counts.put("refused", refused);
    counts.put("failed", failed);
    return new Component(ref.kind(), ref.id(), ref.items(), state, counts);
  }

  private static List<Queue> queues(Map<String, QueueStatus> queues) {
    List<Queue> fills = new ArrayList<>();
    queues.forEach(
        (name, queue) -> {
          long size = queue.queueSize();
          long capacity = queue.queueCapacity();
          fills.add(new Queue(name, size, capacity, queue.queueUnit(), fraction(size, capacity)));
        });
    return fills;
  }

  private Memory memory(Changes changes) {
    long used = memory.used();
    long limit = memory.limit();
    return new Memory(
        used,
        limit,
        fraction(used, limit),
        changes.count("tailgate.memory.budget.refusals", Map.of()));
  }

  private List<TailSampling> tailSampling(Changes changes) {
    List<TailSampling> views = new ArrayList<>();
    topology.components().stream()
        .filter(
            ref -> ref.kind().equals(ComponentRef.PROCESSOR) && ref.type().equals("tail_sampling"))
        .map(ComponentRef::id)
        .distinct()
        .forEach(
            id -> {
              Map<String, String> tags = Map.of("processor", id);
              views.add(
                  new TailSampling(
                      id,
                      gauge(TAIL_SAMPLING + "traces_in_memory", id),
                      gauge(TAIL_SAMPLING + "spans_in_memory", id),
                      gauge(TAIL_SAMPLING + "buffered", id),
                      decisions(changes, id),
                      changes.countsBy(TAIL_SAMPLING + "late_spans", tags, "decision"),
                      changes.countsBy(TAIL_SAMPLING + "traces_decided_early", tags, "reason"),
                      StatusSections.peers(peers.getOrDefault(id, List::of).get())));
            });
    return views;
  }

  /**
   * Per policy in name order, outcomes in a fixed order; a policy appears once it has decided a
   * trace.
   */
  private static List<Decision> decisions(Changes changes, String processor) {
    List<Decision> decisions = new ArrayList<>();
    changes.now.values().keySet().stream()
        .filter(key -> key.matches(TAIL_SAMPLING + "decisions", Map.of("processor", processor)))
        .sorted(
            Comparator.comparing((SeriesKey key) -> key.tag("policy"))
                .thenComparing(key -> OUTCOME_ORDER.indexOf(key.tag("outcome"))))
        .forEach(
            key ->
                decisions.add(
                    new Decision(
                        key.tag("policy"),
                        key.tag("outcome"),
                        changes.count(key.name(), key.tags()))));
    return decisions;
  }

  private long gauge(String name, String processor) {
    Gauge gauge = registry.find(name).tag("processor", processor).gauge();
    return gauge == null ? 0 : Math.round(gauge.value());
  }

  private static double fraction(long part, long whole) {
    return whole <= 0 ? 0 : Math.min(1.0, (double) part / whole);
  }

  private static Map<String, Count> counts(String first, Count a, String second, Count b) {
    Map<String, Count> counts = new LinkedHashMap<>();
    counts.put(first, a);
    counts.put(second, b);
    return counts;
  }

  /** Two readings and the seconds between them. */
  private static final class Changes {
    final CounterReading baseline;
    final CounterReading now;
    final double seconds;

    Changes(CounterReading baseline, CounterReading now) {
      this.baseline = baseline;
      this.now = now;
      this.seconds = Duration.between(baseline.at(), now.at()).toMillis() / 1000.0;
    }

    Count count(String name, Map<String, String> tags) {
      long total = Math.round(now.sum(name, tags));
      // A counter only grows; a series that appeared since the baseline counts from 0.
      long change = Math.max(0, total - Math.round(baseline.sum(name, tags)));
      return new Count(total, change, seconds > 0 ? change / seconds : 0);
    }

    /** One count per value of {@code tag}, in value order. */
    Map<String, Count> countsBy(String name, Map<String, String> tags, String tag) {
      Map<String, Count> counts = new TreeMap<>();
      now.values().keySet().stream()
          .filter(key -> key.matches(name, tags))
          .map(key -> key.tag(tag))
          .distinct()
          .forEach(
              value -> {
                Map<String, String> with = new LinkedHashMap<>(tags);
                with.put(tag, value);
                counts.put(value, count(name, with));
              });
      return counts;
    }
  }
}
