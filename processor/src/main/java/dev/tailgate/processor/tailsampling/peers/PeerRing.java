package dev.tailgate.processor.tailsampling.peers;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.config.Endpoint;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The peers that own traces right now, this replica among them, and who owns which trace. Owners
 * are chosen by rendezvous hashing, so when a peer joins it takes about 1/N of the traces from the
 * others, and when one leaves only its own traces move, spread evenly over the rest. Immutable.
 */
final class PeerRing {
  private final Endpoint self;
  private final List<Endpoint> members;
  private final long[] keys;

  private PeerRing(Endpoint self, List<Endpoint> members) {
    this.self = self;
    this.members = members;
    this.keys = new long[members.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = RendezvousHash.peerKey(members.get(i).toString());
    }
  }

  /**
   * {@code self} is always a member: a replica decides its own traces even when it knows no other.
   */
  static PeerRing of(Endpoint self, Collection<Endpoint> others) {
    // Sorted, so that the one-in-2^64 tie between weights is broken alike on every replica.
    TreeSet<Endpoint> sorted = new TreeSet<>(Comparator.comparing(Endpoint::toString));
    sorted.addAll(others);
    sorted.add(self);
    return new PeerRing(self, List.copyOf(sorted));
  }

  Endpoint ownerOf(ByteString traceId) {
    if (keys.length == 1) {
      return self;
    }
    int best = 0;
    long bestWeight = RendezvousHash.weight(keys[0], traceId);
    for (int i = 1; i < keys.length; i++) {
      long weight = RendezvousHash.weight(keys[i], traceId);
      if (Long.compareUnsigned(weight, bestWeight) > 0) {
        best = i;
        bestWeight = weight;
      }
    }
    return members.get(best);
  }

  Endpoint self() {
    return self;
  }

  /** In address order, this replica included. */
  List<Endpoint> members() {
    return members;
  }

  boolean contains(Endpoint peer) {
    return members.contains(peer);
  }

  boolean onlySelf() {
    return members.size() == 1;
  }

  @Override
  public String toString() {
    return members.toString();
  }
}
