package dev.tailgate.processor.tailsampling.peers;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * The weights of rendezvous (highest random weight) hashing: a trace belongs to the peer whose
 * weight for it is highest. The weight is MurmurHash3 (x64, 128-bit, seed 0; its first 64 bits) of
 * the peer's key followed by the trace id; the peer's key is the same hash of its address.
 *
 * <p>Why MurmurHash3 from Guava: every replica must compute the very same weights, so the function
 * has to be a fixed, published algorithm, never a JVM hash code; Guava's implementation is the
 * reference one on the JVM, and Guava is on the classpath anyway (gRPC needs it). A trace id is
 * meant to be random but often is not (time-prefixed ids), so the ids are hashed together with the
 * peer key rather than used as numbers.
 */
final class RendezvousHash {
  private static final HashFunction MURMUR3 = Hashing.murmur3_128();

  private RendezvousHash() {}

  /** The key a peer's weights are computed from, once per peer. */
  static long peerKey(String address) {
    return MURMUR3.hashString(address, StandardCharsets.UTF_8).asLong();
  }

  /** The peer's weight for the trace, compared as unsigned. */
  static long weight(long peerKey, ByteString traceId) {
    return MURMUR3
        .newHasher(8 + traceId.size())
        .putLong(peerKey)
        .putBytes(traceId.asReadOnlyByteBuffer())
        .hash()
        .asLong();
  }
}
