package dev.tailgate.pipeline.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;

/**
 * The messages of {@link WireScanner}'s signals have in common: Resource, InstrumentationScope,
 * KeyValue attributes and their AnyValues, whose depth is bounded here.
 */
final class CommonMessages {
  private CommonMessages() {}

  static void resource(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> keyValue(in, 0); // attributes = 1
        case 26 -> nested(in, CommonMessages::scalars); // entity_refs = 3
        default -> in.skip(tag);
      }
    }
  }

  /**
   * A message of scalars and strings only (Status, EntityRef, ValueAtQuantile): each field whole.
   */
  static void scalars(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      in.skip(tag);
    }
  }

  static void scope(WireReader in) throws IOException {
    attributesAt(in, 26); // InstrumentationScope.attributes = 3
  }

  /** A message whose KeyValue attributes are at {@code attributesTag}; other fields skipped. */
  static void attributesAt(WireReader in, int attributesTag) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == attributesTag) {
        keyValue(in, 0);
      } else {
        in.skip(tag);
      }
    }
  }

  /** A length-delimited KeyValue whose value sits at depth {@code depth} + 1. */
  static void keyValue(WireReader in, int depth) throws IOException {
    int limit = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 18) { // value = 2
        int valueLimit = in.enter();
        anyValue(in, depth + 1);
        in.exit(valueLimit);
      } else {
        in.skip(tag);
      }
    }
    in.exit(limit);
  }

  /** The fields of an AnyValue at {@code depth}; arrays and maps go one level deeper. */
  static void anyValue(WireReader in, int depth) throws IOException {
    if (depth > WireScanner.MAX_VALUE_DEPTH) {
      throw new InvalidProtocolBufferException(
          "an attribute value nests deeper than " + WireScanner.MAX_VALUE_DEPTH + " levels");
    }
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 42 -> { // array_value = 5: ArrayValue.values = 1 are AnyValues
          int limit = in.enter();
          int inner;
          while ((inner = in.readTag()) != 0) {
            if (inner == 10) {
              int valueLimit = in.enter();
              anyValue(in, depth + 1);
              in.exit(valueLimit);
            } else {
              in.skip(inner);
            }
          }
          in.exit(limit);
        }
        case 50 -> { // kvlist_value = 6: KeyValueList.values = 1 are KeyValues
          int limit = in.enter();
          int inner;
          while ((inner = in.readTag()) != 0) {
            if (inner == 10) {
              keyValue(in, depth);
            } else {
              in.skip(inner);
            }
          }
          in.exit(limit);
        }
        default -> in.skip(tag);
      }
    }
  }

  @FunctionalInterface
  interface Part {
    void read(WireReader in) throws IOException;
  }

  static void nested(WireReader in, Part part) throws IOException {
    int limit = in.enter();
    part.read(in);
    in.exit(limit);
  }
}
