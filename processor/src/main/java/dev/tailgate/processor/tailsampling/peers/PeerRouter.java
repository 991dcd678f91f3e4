package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each span to the replica that owns its trace: spans this replica owns, and spans another
 * peer forwarded here, go to the {@code local} consumer (the tail sampling buffer); the others go
 * to their owner through one exporter helper (queue, retry, timeout) per peer. A request is taken
 * whole or refused whole: every forward reserves room in its peer's queue before the local part is
 * buffered, and a refusal by any releases the others.
 *
 * <p><b>Ownership.</b> Each part of a routed batch, the local one and every forward, is a {@link
 * Batch#replacedBy replacement} of it holding a reference of its own to its memory leases; once
 * every part is taken the router releases the batch's own reference. So a forward waiting in a
 * peer's queue stays under the memory budget until it is sent. A refused batch stays the caller's.
 *
 * <p>A scheduled thread looks the peers up again every {@code dns.interval} and probes the peers
 * not heard from for a {@code probe_interval}, so that a dead peer leaves the ring even when no
 * spans are forwarded to it.
 */
public final class PeerRouter implements Component {
  private static final Logger log = LoggerFactory.getLogger(PeerRouter.class);

  /** Opens the client of one peer. */
  @FunctionalInterface
  interface PeerClients {
    PeerClient connect(Endpoint peer);
  }

  private final ComponentSettings settings;
  private final PeersConfig config;
  private final PeerDiscovery discovery;
  private final Consumer<ExportTraceServiceRequest> local;
  private final PeerMetrics metrics;
  private final PeerMembership membership;
  private final MemberConnections connections;
  private final TraceSplitter splitter;
  private final PeerForwarders forwarders;
  private final PeerProber prober;
  private final Object discovering = new Object();
  private volatile boolean stopped;
  private ScheduledExecutorService scheduler;

  PeerRouter(
      ComponentSettings settings,
      PeersConfig config,
      PeerDiscovery discovery,
      PeerClients clients,
      ExporterHelper.Sleeper sleeper,
      HostResolver resolver,
      Consumer<ExportTraceServiceRequest> local) {
    this.settings = settings;
    this.config = config;
    this.discovery = discovery;
    this.local = local;
    String id = settings.id().toString();
    Endpoint self = PeerAddresses.canonical(config.self());
    this.metrics = new PeerMetrics(settings.meters(), id);
    this.membership =
        new PeerMembership(
            id,
            self,
            new PeerHealth(settings.clock(), config.unhealthyAfter(), config.probeInterval()),
            metrics);
    this.connections = new MemberConnections(resolver);
    this.splitter = new TraceSplitter(self, connections);
    this.forwarders =
        new PeerForwarders(
            settings, config, clients, sleeper, membership, this::keepLocally, metrics);
    this.prober =
        new PeerProber(
            membership,
            peer -> Optional.ofNullable(forwarders.get(peer)).map(Forwarder::client),
            config.timeout());
  }

  /** The router of {@code config}: static or DNS discovery, OTLP/gRPC to the peers. */
  public static PeerRouter create(
      ComponentSettings settings, PeersConfig config, Consumer<ExportTraceServiceRequest> local) {
    PeerDiscovery discovery =
        config.dns() != null
            ? new DnsPeerDiscovery(config.dns(), HostResolver.SYSTEM)
            : new StaticPeerDiscovery(config.staticPeers());
    return new PeerRouter(
        settings,
        config,
        discovery,
        peer -> new GrpcPeerClient(peer, config.tls(), config.headers()),
        d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()),
        HostResolver.SYSTEM,
        local);
  }

  /** Buffers the spans this replica owns and forwards the others; all or nothing. */
  public void route(Batch<ExportTraceServiceRequest> batch) {
    ExportTraceServiceRequest request = batch.request();
    OwnerSplit split = splitter.split(request, membership.ring(), batch.origin());
    if (split.local() == request) {
      // Wholly this replica's, the common case: the batch itself goes to the buffer, which owns it.
      local.consume(batch);
      return;
    }
    List<ExportTraceServiceRequest> kept = new ArrayList<>(1);
    if (split.local() != null) {
      kept.add(split.local());
    }
    List<Forward> reserved = new ArrayList<>(split.forwards().size());
    try {
      split
          .forwards()
          .forEach(
              (peer, forward) -> {
                Forwarder forwarder = forwarders.get(peer);
                if (forwarder == null) {
                  // Forgotten by discovery since the ring was read: the spans stay here.
                  metrics.keptLocally(peer, Signal.TRACES.count(forward));
                  kept.add(ForwardMark.strip(forward));
                } else {
                  Batch<ExportTraceServiceRequest> part = batch.replacedBy(forward);
                  reserved.add(new Forward(part, forwarder.exporter().reserve(part)));
                }
              });
      if (!kept.isEmpty()) {
        keep(batch, kept.size() == 1 ? kept.get(0) : Signal.TRACES.merge(kept));
      }
    } catch (RuntimeException e) {
      reserved.forEach(Forward::cancel);
      throw e;
    }
    commit(reserved);
    // Every part holds a reference of its own now.
    batch.release();
    split.receivedFrom().forEach(metrics::received);
  }

  /**
   * Hands the reserved forwards to their peers' helpers. Without a sending queue a commit is the
   * send itself and can fail: then the rest are cancelled and the caller, who still owns the batch,
   * gets the refusal.
   */
  private static void commit(List<Forward> reserved) {
    for (int i = 0; i < reserved.size(); i++) {
      try {
        reserved.get(i).commit();
      } catch (RuntimeException e) {
        reserved.subList(i + 1, reserved.size()).forEach(Forward::cancel);
        throw e;
      }
    }
  }

  /**
   * Gives {@code part}, spans of {@code whole}, to the buffer as one more holder of whole's leases.
   */
  private void keep(Batch<ExportTraceServiceRequest> whole, ExportTraceServiceRequest part) {
    Batch<ExportTraceServiceRequest> mine = whole.replacedBy(part).retain();
    try {
      local.consume(mine);
    } catch (RuntimeException e) {
      mine.release();
      throw e;
    }
  }

  /**
   * Spans queued for {@code peer} that this replica buffers after all; the queue still owns them.
   */
  void keepLocally(Endpoint peer, Batch<ExportTraceServiceRequest> forwarded) {
    keep(forwarded, ForwardMark.strip(forwarded.request()));
    metrics.keptLocally(peer, forwarded.items());
  }

  /** Looks the peers up and opens or closes the ways to those that came or went. */
  void refreshMembership() {
    synchronized (discovering) {
      if (stopped) {
        return;
      }
      Optional<Set<Endpoint>> found = discovery.peers();
      if (found.isEmpty()) {
        return;
      }
      // Looked up before the ring can name a new peer, so that its first forwards are told apart.
      connections.follow(found.get());
      forwarders.follow(membership.discovered(found.get()));
    }
  }

  /**
   * Sends an empty Export to each peer not heard from lately; the answers decide its health. Peers
   * whose host did not resolve yet are looked up again.
   */
  void probe() {
    connections.resolveMissing();
    prober.probe();
  }

  /** Every known peer and this replica, with its health, for the status page. */
  public List<PeerState> peers() {
    return membership.states();
  }

  /** The current owners, this replica included. */
  List<Endpoint> owners() {
    return membership.ring().members();
  }

  @Override
  public void start() {
    refreshMembership();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "tail-sampling-peers-" + settings.id());
              thread.setDaemon(true);
              return thread;
            });
    discovery
        .refreshInterval()
        .ifPresent(
            interval ->
                scheduler.scheduleWithFixedDelay(
                    guarded("looking up the peers", this::refreshMembership),
                    interval.toNanos(),
                    interval.toNanos(),
                    TimeUnit.NANOSECONDS));
    long probeEvery = config.probeInterval().toNanos();
    scheduler.scheduleWithFixedDelay(
        guarded("probing the peers", this::probe), probeEvery, probeEvery, TimeUnit.NANOSECONDS);
  }

  /**
   * Anything thrown would cancel the schedule, and with it every later lookup or probe: errors too
   * (a StackOverflowError in a resolver, say), so Throwable.
   */
  private Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable e) {
        log.error("tail_sampling processor {}: {} failed", settings.id(), what, e);
      }
    };
  }

  /**
   * Stops looking and probing, then drains every peer's queue in parallel (each until the drain
   * deadline); spans for peers that no longer answer are buffered here as they drain.
   */
  @Override
  public void shutdown() {
    synchronized (discovering) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    forwarders.drainAll();
  }
}
