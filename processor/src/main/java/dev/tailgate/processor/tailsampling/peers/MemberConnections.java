package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.config.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a connection is a peer's own: its remote IP is one the peer's host resolves to, or
 * its verified client certificate names the peer's host (subject CN or a DNS SAN equal to it, or an
 * IP SAN among its addresses). A forward mark counts only on such a connection, so a client that
 * writes a real peer's address into its data is still routed like any client.
 *
 * <p>Hosts are looked up when discovery reports the peers (and, for hosts that did not resolve yet,
 * on the probe schedule), never on a request's thread. A host that stops resolving keeps its last
 * addresses: a DNS hiccup must not make a replica refuse its peers' forwards.
 */
final class MemberConnections {
  private static final Logger log = LoggerFactory.getLogger(MemberConnections.class);

  private final HostResolver resolver;
  private volatile Map<Endpoint, Set<InetAddress>> addresses = Map.of();

  MemberConnections(HostResolver resolver) {
    this.resolver = resolver;
  }

  /** Takes {@code peers} as the known ones, looking up each host; forgets the others. */
  synchronized void follow(Set<Endpoint> peers) {
    Map<Endpoint, Set<InetAddress>> resolved = new HashMap<>();
    for (Endpoint peer : peers) {
      resolved.put(peer, resolve(peer, addresses.getOrDefault(peer, Set.of())));
    }
    addresses = Map.copyOf(resolved);
  }

  /** Looks up again the hosts that have no address yet (they did not resolve before). */
  synchronized void resolveMissing() {
    Map<Endpoint, Set<InetAddress>> resolved = new HashMap<>(addresses);
    boolean changed = false;
    for (Map.Entry<Endpoint, Set<InetAddress>> entry : addresses.entrySet()) {
      if (entry.getValue().isEmpty()) {
        Set<InetAddress> found = resolve(entry.getKey(), Set.of());
        changed |= !found.isEmpty();
        resolved.put(entry.getKey(), found);
      }
    }
    if (changed) {
      addresses = Map.copyOf(resolved);
    }
  }

  /** Whether {@code origin} is a connection of the known peer {@code member}. */
  boolean isFrom(Endpoint member, Origin origin) {
    if (origin.certificateHosts().contains(member.host())) {
      return true;
    }
    Set<InetAddress> known = addresses.getOrDefault(member, Set.of());
    if (!Collections.disjoint(origin.certificateAddresses(), known)) {
      return true;
    }
    return origin.remoteAddress().map(known::contains).orElse(false);
  }

  private Set<InetAddress> resolve(Endpoint peer, Set<InetAddress> before) {
    try {
      return Set.copyOf(Arrays.asList(resolver.resolve(peer.host())));
    } catch (UnknownHostException | RuntimeException e) {
      log.warn(
          "tail_sampling peers: {} does not resolve ({}); its forwards are told by {}",
          peer.host(),
          e.getMessage(),
          before.isEmpty() ? "its client certificate only" : "the addresses it had");
      return before;
    }
  }
}
