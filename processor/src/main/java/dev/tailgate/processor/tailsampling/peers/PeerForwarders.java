package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open ways to the peers, one {@link Forwarder} per peer in the ring: opened when discovery
 * finds a peer, shut down (draining what it holds) when the peer goes.
 */
final class PeerForwarders {
  private final ComponentSettings settings;
  private final PeersConfig config;
  private final PeerRouter.PeerClients clients;
  private final ExporterHelper.Sleeper sleeper;
  private final PeerMembership membership;
  private final PeerSender.LocalFallback fallback;
  private final PeerMetrics metrics;
  private final Map<Endpoint, Forwarder> forwarders = new ConcurrentHashMap<>();

  PeerForwarders(
      ComponentSettings settings,
      PeersConfig config,
      PeerRouter.PeerClients clients,
      ExporterHelper.Sleeper sleeper,
      PeerMembership membership,
      PeerSender.LocalFallback fallback,
      PeerMetrics metrics) {
    this.settings = settings;
    this.config = config;
    this.clients = clients;
    this.sleeper = sleeper;
    this.membership = membership;
    this.fallback = fallback;
    this.metrics = metrics;
  }

  /** The forwarder of {@code peer}, or null when discovery has not found it or forgot it. */
  Forwarder get(Endpoint peer) {
    return forwarders.get(peer);
  }

  /** Opens the ways to the peers that came and shuts those of the peers that went. */
  void follow(PeerMembership.Delta delta) {
    Set<Endpoint> known = Set.copyOf(forwarders.keySet());
    for (Endpoint peer : delta.added()) {
      if (!known.contains(peer)) {
        Forwarder forwarder = open(peer);
        forwarder.start();
        forwarders.put(peer, forwarder);
      }
    }
    for (Endpoint peer : delta.removed()) {
      Forwarder forwarder = forwarders.remove(peer);
      if (forwarder != null) {
        // Out of the ring already, so what it still holds is buffered here as it drains.
        forwarder.shutdown();
      }
    }
  }

  /**
   * Drains every peer's queue in parallel, each until the drain deadline, and forgets them; returns
   * early, leaving them, when interrupted.
   */
  void drainAll() {
    List<Thread> draining = new ArrayList<>();
    for (Forwarder forwarder : forwarders.values()) {
      Thread thread = new Thread(forwarder::shutdown, "tail-sampling-peers-drain-" + settings.id());
      thread.start();
      draining.add(thread);
    }
    for (Thread thread : draining) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    forwarders.clear();
  }

  private Forwarder open(Endpoint peer) {
    PeerClient client = clients.connect(peer);
    ComponentSettings peerSettings =
        new ComponentSettings(
            peerComponentId(peer),
            settings.meters(),
            settings.clock(),
            settings.host(),
            settings.shutdown(),
            settings.memory());
    PeerSender sender = new PeerSender(peer, client, membership, fallback, metrics);
    return new Forwarder(
        client,
        new ExporterHelper<>(
            peerSettings, Signal.TRACES, config.exporterSettings(), sender, client, sleeper));
  }

  /**
   * {@code tail_sampling/peer/10.0.0.2:4317}: how the exporter helper names the forwarding in its
   * metrics and logs.
   */
  private ComponentId peerComponentId(Endpoint peer) {
    ComponentId processor = settings.id();
    String prefix = processor.name().isEmpty() ? "" : processor.name() + "/";
    return new ComponentId(processor.type(), prefix + "peer/" + peer);
  }
}
