package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Where the list of peers comes from. */
interface PeerDiscovery {

  /** The peers now, in canonical form; empty when they cannot be found out (keep the last list). */
  Optional<Set<Endpoint>> peers();

  /** How often to look again; empty when the list never changes. */
  Optional<Duration> refreshInterval();
}
