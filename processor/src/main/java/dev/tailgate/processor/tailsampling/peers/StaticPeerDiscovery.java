package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code peers.static}: the same list on every replica, for good. */
final class StaticPeerDiscovery implements PeerDiscovery {
  private final Set<Endpoint> peers = new LinkedHashSet<>();

  StaticPeerDiscovery(List<Endpoint> peers) {
    peers.forEach(peer -> this.peers.add(PeerAddresses.canonical(peer)));
  }

  @Override
  public Optional<Set<Endpoint>> peers() {
    return Optional.of(Set.copyOf(peers));
  }

  @Override
  public Optional<Duration> refreshInterval() {
    return Optional.empty();
  }
}
