package dev.tailgate.processor.redaction;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link KeyRules} for keys still in their UTF-8 bytes: the few keys telemetry repeats endlessly
 * are decided once and then recognised by their bytes, so a key costs a hash and a compare instead
 * of a decoded String. A fixed table of slots, each holding the last key that hashed there: a
 * high-cardinality key only evicts another and is decided again. Slots are replaced whole with
 * immutable entries, so threads share the table without locks (a racing reader sees the old entry
 * or the new one, either of which is right).
 */
final class WireKeys {
  private static final int SLOTS = 4096;
  private static final int MAX_REMEMBERED_KEY_BYTES = 128;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final KeyRules rules;
  private final Entry[] slots = new Entry[SLOTS];

  WireKeys(KeyRules rules) {
    this.rules = rules;
  }

  KeyDecision decide(byte[] bytes, int offset, int length) {
    if (rules.scansEveryKey()) {
      return KeyDecision.SCAN;
    }
    int hash = hash(bytes, offset, length);
    int slot = hash & (SLOTS - 1);
    Entry entry = slots[slot];
    if (entry != null
        && entry.hash == hash
        && Arrays.equals(entry.key, 0, entry.key.length, bytes, offset, offset + length)) {
      return entry.decision;
    }
    KeyDecision decision = rules.decide(new String(bytes, offset, length, UTF_8));
    if (length <= MAX_REMEMBERED_KEY_BYTES) {
      slots[slot] = new Entry(hash, Arrays.copyOfRange(bytes, offset, offset + length), decision);
    }
    return decision;
  }

  /**
   * From the length and the first and last eight bytes only: keys differ mostly at their ends, and
   * a collision costs no more than one compare of the bytes.
   */
  private static int hash(byte[] bytes, int offset, int length) {
    long hash;
    if (length >= Long.BYTES) {
      hash =
          (long) WORDS.get(bytes, offset) * 31
              + (long) WORDS.get(bytes, offset + length - Long.BYTES);
    } else {
      hash = 0;
      for (int i = offset; i < offset + length; i++) {
        hash = hash << 8 | (bytes[i] & 0xFF);
      }
    }
    hash = (hash + length) * 0x9E3779B97F4A7C15L;
    return (int) (hash ^ (hash >>> 32));
  }

  private record Entry(int hash, byte[] key, KeyDecision decision) {}
}
