package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each other peer answers. A peer is unhealthy once a call to it went unanswered (it was
 * unreachable or timed out) and it has not answered anything for {@code unhealthy_after}; it is
 * healthy again at its next answer. An answer is any reply from the peer's process, a refusal
 * included: a peer that throttles is alive, and taking its traces away would only move its load.
 * New peers start healthy, their grace period counted from when they became known. Not thread-safe;
 * {@link PeerMembership} guards it.
 */
final class PeerHealth {
  /** What a call's outcome did to the peer's health. */
  enum Change {
    NONE,
    BECAME_UNHEALTHY,
    RECOVERED
  }

  private final Clock clock;
  private final Duration unhealthyAfter;
  private final Duration probeInterval;
  private final Map<Endpoint, State> states = new HashMap<>();

  PeerHealth(Clock clock, Duration unhealthyAfter, Duration probeInterval) {
    this.clock = clock;
    this.unhealthyAfter = unhealthyAfter;
    this.probeInterval = probeInterval;
  }

  /** Follows exactly {@code peers} from now on: forgets the others, starts new ones healthy. */
  void track(Collection<Endpoint> peers) {
    states.keySet().retainAll(peers);
    Instant now = clock.instant();
    for (Endpoint peer : peers) {
      states.computeIfAbsent(peer, p -> new State(now));
    }
  }

  Change answered(Endpoint peer) {
    State state = states.get(peer);
    if (state == null) {
      return Change.NONE;
    }
    state.lastAnswer = clock.instant();
    state.heard = true;
    if (state.healthy) {
      return Change.NONE;
    }
    state.healthy = true;
    return Change.RECOVERED;
  }

  Change unanswered(Endpoint peer) {
    State state = states.get(peer);
    if (state == null || !state.healthy) {
      return Change.NONE;
    }
    if (Duration.between(state.lastAnswer, clock.instant()).compareTo(unhealthyAfter) < 0) {
      return Change.NONE;
    }
    state.healthy = false;
    return Change.BECAME_UNHEALTHY;
  }

  boolean healthy(Endpoint peer) {
    State state = states.get(peer);
    return state != null && state.healthy;
  }

  /** The peer's last answer; empty before its first (its grace period does not count as one). */
  Optional<Instant> lastHeard(Endpoint peer) {
    State state = states.get(peer);
    return state == null || !state.heard ? Optional.empty() : Optional.of(state.lastAnswer);
  }

  /**
   * Peers not heard from for a probe interval: the unhealthy ones, and idle ones that may have
   * died.
   */
  List<Endpoint> dueForProbe() {
    Instant heardBy = clock.instant().minus(probeInterval);
    List<Endpoint> due = new ArrayList<>();
    states.forEach(
        (peer, state) -> {
          if (!state.lastAnswer.isAfter(heardBy)) {
            due.add(peer);
          }
        });
    return due;
  }

  private static final class State {
    Instant lastAnswer;
    boolean heard;
    boolean healthy = true;

    State(Instant knownSince) {
      this.lastAnswer = knownSince;
    }
  }
}
