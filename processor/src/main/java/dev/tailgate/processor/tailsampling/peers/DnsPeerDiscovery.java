package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code peers.dns}: one peer per address record of a name, such as a Kubernetes headless service
 * (which answers with the IPs of its ready pods). A failed lookup keeps the peers found last: a DNS
 * hiccup must not make every replica decide alone.
 *
 * <p>The JVM caches lookups (networkaddress.cache.ttl, 30 s by default without a security manager),
 * so set it near the interval for changes to show up that fast.
 */
final class DnsPeerDiscovery implements PeerDiscovery {
  private static final Logger log = LoggerFactory.getLogger(DnsPeerDiscovery.class);

  private final DnsPeersConfig config;
  private final HostResolver resolver;

  DnsPeerDiscovery(DnsPeersConfig config, HostResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  @Override
  public Optional<Set<Endpoint>> peers() {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(config.hostname());
    } catch (UnknownHostException e) {
      log.warn(
          "tail_sampling peers: {} does not resolve ({}); keeping the peers known so far",
          config.hostname(),
          e.getMessage());
      return Optional.empty();
    }
    Set<Endpoint> peers = new HashSet<>();
    for (InetAddress address : addresses) {
      peers.add(PeerAddresses.canonical(new Endpoint(address.getHostAddress(), config.port())));
    }
    return Optional.of(peers);
  }

  @Override
  public Optional<Duration> refreshInterval() {
    return Optional.of(config.interval());
  }
}
