package dev.tailgate.processor.redaction;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.wire.WireReader;

/**
 * Tells from the encoded bytes whether redaction could change a resource, scope, span, log record
 * or metric, without building it: keys are looked up by their bytes ({@link WireKeys}) and string
 * values pass the {@link Prescreen} before anything is decoded. It may say "maybe" wrongly (the
 * item is then parsed and redacted, and comes out unchanged), never "no" wrongly: any key rule that
 * removes or masks, and any value a pattern may match, is a hit. With a summary, so is every
 * finding that is written down without changing a value (an ignored key, an allowed value).
 *
 * <p>Field numbers are those of opentelemetry-proto v1. Thread-safe.
 */
final class WireScreen {
  private final WireKeys keys;
  private final ValueMasker masker;
  private final AnyRegex allowedValues;
  private final boolean redactAllTypes;
  private final boolean summarizes;

  /**
   * With a summary, an allowed value is written down: every text must be tried against
   * allowed_values.
   */
  private final boolean decodesEveryText;

  WireScreen(AttributeRedactor attributes) {
    this.keys = new WireKeys(attributes.keys());
    this.masker = attributes.masker();
    this.allowedValues = attributes.allowedValues();
    this.redactAllTypes = attributes.redactsAllTypes();
    this.summarizes = attributes.summarizes();
    this.decodesEveryText = summarizes && !allowedValues.isEmpty();
  }

  boolean resource(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    return attributesAt(new WireReader(bytes, from, to), 10); // Resource.attributes = 1
  }

  boolean scope(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    return attributesAt(new WireReader(bytes, from, to), 26); // InstrumentationScope.attributes = 3
  }

  boolean span(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    WireReader in = new WireReader(bytes, from, to);
    int tag;
    while ((tag = in.readTag()) != 0) {
      boolean hit =
          switch (tag) {
            case 74 -> keyValue(in); // attributes = 9
            case 90 -> nestedAttributesAt(in, 26); // events = 11, Event.attributes = 3
            case 106 -> nestedAttributesAt(in, 34); // links = 13, Link.attributes = 4
            default -> skip(in, tag);
          };
      if (hit) {
        return true;
      }
    }
    return false;
  }

  boolean logRecord(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    WireReader in = new WireReader(bytes, from, to);
    int tag;
    while ((tag = in.readTag()) != 0) {
      boolean hit =
          switch (tag) {
            case 42 -> value(in); // body = 5
            case 50 -> keyValue(in); // attributes = 6
            default -> skip(in, tag);
          };
      if (hit) {
        return true;
      }
    }
    return false;
  }

  boolean metric(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    WireReader in = new WireReader(bytes, from, to);
    int tag;
    while ((tag = in.readTag()) != 0) {
      // The attributes and exemplars fields of each point type, as in WireScanner.
      boolean hit =
          switch (tag) {
            case 42, 58 -> dataPoints(in, 58, 42); // gauge = 5, sum = 7: NumberDataPoint 7, 5
            case 90 -> dataPoints(in, 58, -1); // summary = 11: SummaryDataPoint.attributes = 7
            case 74 -> dataPoints(in, 74, 66); // histogram = 9: attributes 9, exemplars 8
            case 82 ->
                dataPoints(in, 10, 90); // exponential_histogram = 10: attributes 1, exemplars 11
            case 98 -> keyValue(in); // metadata = 12
            default -> skip(in, tag);
          };
      if (hit) {
        return true;
      }
    }
    return false;
  }

  private boolean dataPoints(WireReader in, int attributes, int exemplars)
      throws InvalidProtocolBufferException {
    int outer = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10 && dataPoint(in, attributes, exemplars)) { // data_points = 1
        return true;
      } else if (tag != 10) {
        in.skip(tag);
      }
    }
    in.exit(outer);
    return false;
  }

  private boolean dataPoint(WireReader in, int attributes, int exemplars)
      throws InvalidProtocolBufferException {
    int outer = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      boolean hit;
      if (tag == attributes) {
        hit = keyValue(in);
      } else if (tag == exemplars) {
        hit = nestedAttributesAt(in, 58); // Exemplar.filtered_attributes = 7
      } else {
        hit = skip(in, tag);
      }
      if (hit) {
        return true;
      }
    }
    in.exit(outer);
    return false;
  }

  private boolean nestedAttributesAt(WireReader in, int attributesTag)
      throws InvalidProtocolBufferException {
    int outer = in.enter();
    if (attributesAt(in, attributesTag)) {
      return true;
    }
    in.exit(outer);
    return false;
  }

  /** Reads the current message to its end, looking at the KeyValues at {@code attributesTag}. */
  private boolean attributesAt(WireReader in, int attributesTag)
      throws InvalidProtocolBufferException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == attributesTag ? keyValue(in) : skip(in, tag)) {
        return true;
      }
    }
    return false;
  }

  /** A length-delimited KeyValue: a hit when its key rule changes it or its value may be masked. */
  private boolean keyValue(WireReader in) throws InvalidProtocolBufferException {
    int outer = in.enter();
    KeyDecision decision = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10) { // key = 1
        if (decision != null) {
          return true; // a repeated key field: unusual enough to leave to the parser
        }
        int keyOuter = in.enter();
        decision = keys.decide(in.buffer(), in.position(), in.limit() - in.position());
        in.exit(keyOuter);
        switch (decision) {
          case REMOVE, MASK -> {
            return true;
          }
          case IGNORE -> {
            if (summarizes) {
              return true;
            }
          }
          case SCAN -> {}
        }
      } else if (tag == 18) { // value = 2
        if (decision == null) {
          return true; // the value before its key: legal, rare, left to the parser
        }
        if (decision == KeyDecision.SCAN && value(in)) {
          return true;
        }
        if (decision != KeyDecision.SCAN) {
          in.skipBytes();
        }
      } else {
        in.skip(tag);
      }
    }
    in.exit(outer);
    return false;
  }

  /** A length-delimited AnyValue, searched all the way down. */
  private boolean value(WireReader in) throws InvalidProtocolBufferException {
    int outer = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      boolean hit =
          switch (tag) {
            case 10 -> text(in); // string_value = 1
            // Other scalars are texts only with redact_all_types: otherwise not even read.
            case 16 ->
                redactAllTypes
                    ? changes(in.readVarint64() != 0 ? "true" : "false")
                    : skip(in, tag); // bool_value = 2
            case 24 ->
                redactAllTypes
                    ? changes(Long.toString(in.readVarint64()))
                    : skip(in, tag); // int_value = 3
            case 33 -> // double_value = 4
                redactAllTypes
                    ? changes(Double.toString(Double.longBitsToDouble(in.readFixed64())))
                    : skip(in, tag);
            case 42 -> array(in); // array_value = 5
            case 50 -> kvlist(in); // kvlist_value = 6
            default -> skip(in, tag);
          };
      if (hit) {
        return true;
      }
    }
    in.exit(outer);
    return false;
  }

  private boolean array(WireReader in) throws InvalidProtocolBufferException {
    int outer = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10 ? value(in) : skip(in, tag)) { // ArrayValue.values = 1
        return true;
      }
    }
    in.exit(outer);
    return false;
  }

  private boolean kvlist(WireReader in) throws InvalidProtocolBufferException {
    int outer = in.enter();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10 ? keyValue(in) : skip(in, tag)) { // KeyValueList.values = 1
        return true;
      }
    }
    in.exit(outer);
    return false;
  }

  private boolean text(WireReader in) throws InvalidProtocolBufferException {
    int outer = in.enter();
    byte[] bytes = in.buffer();
    int offset = in.position();
    int length = in.limit() - offset;
    in.exit(outer);
    if (length == 0) {
      return false;
    }
    if (!decodesEveryText) {
      // A text of n bytes has at most n characters, so the length test stays on the safe side.
      int bits = masker.prescreenBits(length);
      if (bits == 0 || bits > 0 && Prescreen.candidates(bytes, offset, length, bits) == 0) {
        return false;
      }
    }
    return changes(new String(bytes, offset, length, UTF_8));
  }

  private boolean changes(String text) {
    return decodesEveryText && allowedValues.foundIn(text) || masker.mask(text) != text;
  }

  private static boolean skip(WireReader in, int tag) throws InvalidProtocolBufferException {
    in.skip(tag);
    return false;
  }
}
