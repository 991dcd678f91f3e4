package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;

/**
 * The "head" of an OTLP resource or scope entry: every field but its field 2 entries (scope entries
 * of a resource entry, items of a scope entry), as slices of the bytes, so parts of a request can
 * be written under the very resource and scope they came under.
 */
public final class EntryHeads {
  private static final int ENTRIES = 18; // field 2, length-delimited

  private EntryHeads() {}

  /** The message in {@code [from, to)} of {@code bytes} without its field 2 entries. */
  public static ByteString withoutEntries(byte[] bytes, int from, int to)
      throws InvalidProtocolBufferException {
    WireReader in = new WireReader(bytes, from, to);
    ByteString kept = ByteString.EMPTY;
    int run = from;
    while (true) {
      int fieldStart = in.position();
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      in.skip(tag);
      if (tag == ENTRIES) {
        kept = kept.concat(UnsafeByteOperations.unsafeWrap(bytes, run, fieldStart - run));
        run = in.position();
      }
    }
    return kept.concat(UnsafeByteOperations.unsafeWrap(bytes, run, to - run));
  }
}
