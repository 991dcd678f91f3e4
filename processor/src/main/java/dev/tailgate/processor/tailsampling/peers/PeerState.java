package dev.tailgate.processor.tailsampling.peers;

import java.time.Instant;
import java.util.Optional;

/**
 * One peer as tail sampling sees it now, for the status page. {@code address} is the {@code
 * host:port} the traces are hashed by; {@code self} is this replica (always healthy, never
 * "heard"); {@code owner} says whether it is in the ring, owning traces, which a known peer is
 * exactly while it is healthy. {@code lastHeard} is its last answer (a refusal counts), empty until
 * its first one.
 */
public record PeerState(
    String address, boolean self, boolean healthy, boolean owner, Optional<Instant> lastHeard) {
  public PeerState {
    lastHeard = lastHeard == null ? Optional.empty() : lastHeard;
  }
}
