package dev.tailgate.processor.tailsampling.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.config.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerRingTest {
  static final int TRACES = 100_000;
  static final Endpoint A = Endpoint.parse("10.0.0.1:4317");
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");
  static final Endpoint C = Endpoint.parse("10.0.0.3:4317");
  static final Endpoint D = Endpoint.parse("10.0.0.4:4317");
  static final Endpoint E = Endpoint.parse("10.0.0.5:4317");
  static final Endpoint F = Endpoint.parse("10.0.0.6:4317");

  final List<ByteString> traceIds = randomTraceIds(TRACES, 42);

  static List<ByteString> randomTraceIds(int count, long seed) {
    Random random = new Random(seed);
    List<ByteString> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      ids.add(ByteString.copyFrom(id));
    }
    return ids;
  }

  Map<ByteString, Endpoint> owners(PeerRing ring) {
    Map<ByteString, Endpoint> owners = new HashMap<>();
    traceIds.forEach(id -> owners.put(id, ring.ownerOf(id)));
    return owners;
  }

  @Test
  void everyReplicaComputesTheSameOwnersWhateverItsOwnAddressOrListOrder() {
    PeerRing seenByA = PeerRing.of(A, List.of(C, B));
    PeerRing seenByC = PeerRing.of(C, List.of(B, A));

    assertThat(seenByA.members()).containsExactly(A, B, C);
    assertThat(owners(seenByA)).isEqualTo(owners(seenByC));
  }

  @Test
  void sharesTracesEvenlyOverThePeers() {
    PeerRing ring = PeerRing.of(A, List.of(B, C, D, E));

    Map<Endpoint, Long> counts = new HashMap<>();
    owners(ring).values().forEach(owner -> counts.merge(owner, 1L, Long::sum));

    assertThat(counts).containsOnlyKeys(A, B, C, D, E);
    // One standard deviation of a 1/5 share of 100,000 is about 0.0013.
    counts.values().forEach(n -> assertThat(n / (double) TRACES).isCloseTo(0.2, within(0.01)));
  }

  @Test
  void aJoiningPeerTakesAboutItsShareOnlyFromTheOthers() {
    Map<ByteString, Endpoint> before = owners(PeerRing.of(A, List.of(B, C, D, E)));
    Map<ByteString, Endpoint> after = owners(PeerRing.of(A, List.of(B, C, D, E, F)));

    int moved = 0;
    for (ByteString id : traceIds) {
      if (!before.get(id).equals(after.get(id))) {
        moved++;
        assertThat(after.get(id)).as("a trace moves only to the new peer").isEqualTo(F);
      }
    }
    assertThat(moved / (double) TRACES).isCloseTo(1.0 / 6, within(0.01));
  }

  @Test
  void aLeavingPeersTracesSpreadOverTheRestAndNoOtherTraceMoves() {
    Map<ByteString, Endpoint> before = owners(PeerRing.of(A, List.of(B, C, D, E)));
    Map<ByteString, Endpoint> after = owners(PeerRing.of(A, List.of(B, C, E)));

    Map<Endpoint, Long> inheritedBy = new HashMap<>();
    int orphaned = 0;
    for (ByteString id : traceIds) {
      if (before.get(id).equals(D)) {
        orphaned++;
        inheritedBy.merge(after.get(id), 1L, Long::sum);
      } else {
        assertThat(after.get(id)).isEqualTo(before.get(id));
      }
    }
    assertThat(inheritedBy).containsOnlyKeys(A, B, C, E);
    for (long n : inheritedBy.values()) {
      assertThat(n / (double) orphaned).isCloseTo(0.25, within(0.02));
    }
  }

  @Test
  void aReplicaAloneOwnsEverything() {
    PeerRing alone = PeerRing.of(A, Set.of());

    assertThat(alone.onlySelf()).isTrue();
    assertThat(owners(alone).values()).containsOnly(A);
  }

  @Test
  void pinsTheWeightsSinceReplicasOfDifferentVersionsMustAgree() {
    ByteString traceId =
        ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    assertThat(RendezvousHash.peerKey("10.0.0.1:4317")).isEqualTo(PEER_KEY);
    assertThat(RendezvousHash.weight(PEER_KEY, traceId)).isEqualTo(WEIGHT);
  }

  static final long PEER_KEY = -7999722152615934473L;
  static final long WEIGHT = 5004293771398383212L;
}
