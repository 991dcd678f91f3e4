package dev.tailgate.processor.ottl;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** {@code trace_id.string} and its kin: lowercase hex, empty for an empty id. */
final class Ids {
  private Ids() {}

  static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }
}
