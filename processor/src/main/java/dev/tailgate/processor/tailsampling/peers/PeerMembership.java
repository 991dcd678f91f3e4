package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers this replica knows (from discovery) and the ring of those that own traces: this replica
 * and every other known peer that is healthy. Readers take the current ring without a lock;
 * discovery and health outcomes replace it.
 */
final class PeerMembership {
  private static final Logger log = LoggerFactory.getLogger(PeerMembership.class);

  /** Peers that became known and peers that were forgotten by one discovery. */
  record Delta(Set<Endpoint> added, Set<Endpoint> removed) {}

  private final String processorId;
  private final Endpoint self;
  private final PeerHealth health;
  private final PeerMetrics metrics;
  private final Set<Endpoint> known = new LinkedHashSet<>();
  private volatile PeerRing ring;

  PeerMembership(String processorId, Endpoint self, PeerHealth health, PeerMetrics metrics) {
    this.processorId = processorId;
    this.self = self;
    this.health = health;
    this.metrics = metrics;
    this.ring = PeerRing.of(self, Set.of());
    metrics.gauges(this::healthyCount, this::unhealthyCount);
  }

  PeerRing ring() {
    return ring;
  }

  boolean inRing(Endpoint peer) {
    return ring.contains(peer);
  }

  /** Takes the discovered peers ({@code self} among them or not) as the known ones. */
  synchronized Delta discovered(Set<Endpoint> peers) {
    Set<Endpoint> others = new LinkedHashSet<>(peers);
    others.remove(self);
    Set<Endpoint> added = new LinkedHashSet<>(others);
    added.removeAll(known);
    Set<Endpoint> removed = new LinkedHashSet<>(known);
    removed.removeAll(others);
    known.clear();
    known.addAll(others);
    health.track(others);
    rebuild("discovery");
    return new Delta(added, removed);
  }

  synchronized void answered(Endpoint peer) {
    if (health.answered(peer) == PeerHealth.Change.RECOVERED) {
      log.info(
          "tail_sampling processor {}: peer {} answers again; it owns traces again",
          processorId,
          peer);
      rebuild("recovered");
    }
  }

  synchronized void unanswered(Endpoint peer) {
    if (health.unanswered(peer) == PeerHealth.Change.BECAME_UNHEALTHY) {
      log.warn(
          "tail_sampling processor {}: peer {} has not answered for too long; its traces move to"
              + " the other peers",
          processorId,
          peer);
      rebuild("unhealthy");
    }
  }

  /** This replica first, then every known peer in address order, healthy or not. */
  synchronized List<PeerState> states() {
    PeerRing current = ring;
    List<PeerState> states = new ArrayList<>(known.size() + 1);
    states.add(new PeerState(self.toString(), true, true, true, Optional.empty()));
    known.stream()
        .sorted(Comparator.comparing(Endpoint::toString))
        .forEach(
            peer ->
                states.add(
                    new PeerState(
                        peer.toString(),
                        false,
                        health.healthy(peer),
                        current.contains(peer),
                        health.lastHeard(peer))));
    return List.copyOf(states);
  }

  synchronized List<Endpoint> dueForProbe() {
    return health.dueForProbe();
  }

  private void rebuild(String reason) {
    List<Endpoint> owners = new ArrayList<>();
    for (Endpoint peer : known) {
      if (health.healthy(peer)) {
        owners.add(peer);
      }
    }
    PeerRing rebuilt = PeerRing.of(self, owners);
    if (!rebuilt.members().equals(ring.members())) {
      log.info("tail_sampling processor {}: peers owning traces now {}", processorId, rebuilt);
      ring = rebuilt;
      metrics.membershipChanged(reason);
    }
  }

  private synchronized int healthyCount() {
    return ring.members().size();
  }

  private synchronized int unhealthyCount() {
    return known.size() + 1 - ring.members().size();
  }
}
