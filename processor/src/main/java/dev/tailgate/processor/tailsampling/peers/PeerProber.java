package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sends an empty Export to each peer not heard from lately; the answers decide its health. One
 * probe per peer at a time: a peer slow to answer is not probed again until it has.
 */
final class PeerProber {
  private final PeerMembership membership;
  private final Function<Endpoint, Optional<PeerClient>> clients;
  private final Duration timeout;
  private final Set<Endpoint> probing = ConcurrentHashMap.newKeySet();

  PeerProber(
      PeerMembership membership,
      Function<Endpoint, Optional<PeerClient>> clients,
      Duration timeout) {
    this.membership = membership;
    this.clients = clients;
    this.timeout = timeout;
  }

  void probe() {
    for (Endpoint peer : membership.dueForProbe()) {
      Optional<PeerClient> client = clients.apply(peer);
      if (client.isEmpty() || !probing.add(peer)) {
        continue;
      }
      client
          .get()
          .probe(timeout)
          .whenComplete(
              (answered, error) -> {
                probing.remove(peer);
                if (Boolean.TRUE.equals(answered)) {
                  membership.answered(peer);
                } else {
                  membership.unanswered(peer);
                }
              });
    }
  }
}
