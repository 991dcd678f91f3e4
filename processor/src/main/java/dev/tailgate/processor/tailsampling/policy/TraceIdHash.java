package dev.tailgate.processor.tailsampling.policy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * A salted 64-bit FNV-1a hash of trace ids: the salt's UTF-8 bytes, then the id's bytes. It is the
 * hash the Collector's probabilistic policy uses, so with the same salt a Tailgate and a Collector
 * keep the same traces; it is cheap, needs no library, and mixes a random 16-byte id well enough
 * for its high bits to split traces evenly (checked by the proportion tests).
 */
final class TraceIdHash {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private final long afterSalt;

  TraceIdHash(String salt) {
    long h = OFFSET_BASIS;
    for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
      h = step(h, b);
    }
    this.afterSalt = h;
  }

  /** The hash, as an unsigned 64-bit value in a long. */
  long hash(ByteString traceId) {
    long h = afterSalt;
    for (int i = 0; i < traceId.size(); i++) {
      h = step(h, traceId.byteAt(i));
    }
    return h;
  }

  /** The hash scaled to [0, 1). */
  double fraction(ByteString traceId) {
    return (hash(traceId) >>> 11) * 0x1.0p-53;
  }

  private static long step(long h, byte b) {
    return (h ^ (b & 0xff)) * PRIME;
  }
}
