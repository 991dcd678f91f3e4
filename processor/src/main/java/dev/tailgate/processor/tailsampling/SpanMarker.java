package dev.tailgate.processor.tailsampling;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.LenientParser;
import dev.tailgate.pipeline.wire.WireReader;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks a kept span with the policy that kept its trace ({@code tailsampling.policy}) and the
 * sampling threshold in its tracestate, as the config asks. Works on the span's encoding: the
 * attribute is appended as one more attributes field and the tracestate written anew after the
 * other fields, which a protobuf reader takes as the same span with those changes. Only a span that
 * carries the policy attribute already (sampled by a gateway upstream too) is parsed, so the
 * attribute is replaced rather than repeated.
 */
final class SpanMarker {
  static final String POLICY_ATTRIBUTE = "tailsampling.policy";

  /** In a dry run: "sampled" or "not_sampled", what the policies would have done with the trace. */
  static final String DECISION_ATTRIBUTE = "tailsampling.decision";

  private static final byte[] POLICY_ATTRIBUTE_KEY = POLICY_ATTRIBUTE.getBytes(UTF_8);
  private static final byte[] DECISION_ATTRIBUTE_KEY = DECISION_ATTRIBUTE.getBytes(UTF_8);
  private static final int TRACE_STATE = 26; // Span.trace_state = 3
  private static final int ATTRIBUTES = 74; // Span.attributes = 9
  private static final LenientParser<Span> PARSER =
      new LenientParser<>(Span.parser(), Span.getDescriptor(), Signal.MAX_MESSAGE_NESTING);

  private final boolean policyAttribute;
  private final boolean tracestateThreshold;
  private final boolean dryRun;

  /**
   * {@code dryRun}: every trace is kept, so each span gets the decision attribute, and no threshold
   * (the spans were not sampled with any probability).
   */
  SpanMarker(boolean policyAttribute, boolean tracestateThreshold, boolean dryRun) {
    this.policyAttribute = policyAttribute;
    this.tracestateThreshold = tracestateThreshold && !dryRun;
    this.dryRun = dryRun;
  }

  /** The marks of one verdict, built once for all the spans of a trace. */
  Marks marksFor(SamplingVerdict verdict) {
    List<KeyValue> attributes = new ArrayList<>(2);
    if (policyAttribute && verdict.sampled()) {
      attributes.add(string(POLICY_ATTRIBUTE, verdict.policy()));
    }
    if (dryRun) {
      attributes.add(string(DECISION_ATTRIBUTE, verdict.sampled() ? "sampled" : "not_sampled"));
    }
    ByteString fields = ByteString.EMPTY;
    for (KeyValue attribute : attributes) {
      fields = fields.concat(field(ATTRIBUTES, attribute.toByteString()));
    }
    boolean threshold = tracestateThreshold && verdict.probability() > 0;
    return new Marks(
        List.copyOf(attributes),
        fields,
        threshold ? verdict.probability() : 0,
        threshold ? SamplingThreshold.merge("", verdict.probability()) : null);
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  ByteString mark(ByteString span, SamplingVerdict verdict) {
    return marksFor(verdict).mark(span);
  }

  /** No attributes, or a null tracestate, means that mark is off. */
  record Marks(
      List<KeyValue> attributes,
      ByteString attributeFields,
      double probability,
      String tracestateAlone) {

    /** The marked span's encoding: slices of {@code span} and the marks. */
    ByteString mark(ByteString span) {
      if (attributes.isEmpty() && tracestateAlone == null) {
        return span;
      }
      try {
        return markEncoded(span);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a buffered span does not parse: " + e.getMessage(), e);
      }
    }

    private ByteString markEncoded(ByteString span) throws InvalidProtocolBufferException {
      WireReader in = WireReader.of(span);
      byte[] bytes = in.buffer();
      int from = in.position();
      ByteString kept = ByteString.EMPTY;
      int run = from;
      String tracestate = "";
      while (true) {
        int fieldStart = in.position();
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        if (tag == TRACE_STATE && tracestateAlone != null) {
          int outer = in.enter();
          tracestate = new String(bytes, in.position(), in.limit() - in.position(), UTF_8);
          in.exit(outer);
          kept = kept.concat(UnsafeByteOperations.unsafeWrap(bytes, run, fieldStart - run));
          run = in.position();
        } else if (tag == ATTRIBUTES && !attributes.isEmpty()) {
          if (isMarkAttribute(in)) {
            return markParsed(span);
          }
        } else {
          in.skip(tag);
        }
      }
      kept = kept.concat(UnsafeByteOperations.unsafeWrap(bytes, run, in.position() - run));
      if (tracestateAlone != null) {
        String merged =
            tracestate.isEmpty()
                ? tracestateAlone
                : SamplingThreshold.merge(tracestate, probability);
        kept = kept.concat(field(TRACE_STATE, ByteString.copyFromUtf8(merged)));
      }
      return kept.concat(attributeFields);
    }

    /** Reads one attributes entry; true when its key is one this marker writes. */
    private static boolean isMarkAttribute(WireReader in) throws InvalidProtocolBufferException {
      int outer = in.enter();
      boolean found = false;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == 10) { // KeyValue.key = 1
          int keyOuter = in.enter();
          found =
              java.util.Arrays.equals(
                      in.buffer(),
                      in.position(),
                      in.limit(),
                      POLICY_ATTRIBUTE_KEY,
                      0,
                      POLICY_ATTRIBUTE_KEY.length)
                  || java.util.Arrays.equals(
                      in.buffer(),
                      in.position(),
                      in.limit(),
                      DECISION_ATTRIBUTE_KEY,
                      0,
                      DECISION_ATTRIBUTE_KEY.length);
          in.exit(keyOuter);
        } else {
          in.skip(tag);
        }
      }
      in.exit(outer);
      return found;
    }

    private ByteString markParsed(ByteString encoded) {
      Span span;
      try {
        span = PARSER.parse(encoded);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a buffered span does not parse: " + e.getMessage(), e);
      }
      Span.Builder marked = span.toBuilder();
      for (KeyValue attribute : attributes) {
        int existing = indexOf(span, attribute.getKey());
        // A trace sampled by an upstream gateway too carries the attribute already: ours is the
        // later word.
        if (existing >= 0) {
          marked.setAttributes(existing, attribute);
        } else {
          marked.addAttributes(attribute);
        }
      }
      if (tracestateAlone != null) {
        String tracestate = span.getTraceState();
        marked.setTraceState(
            tracestate.isEmpty()
                ? tracestateAlone
                : SamplingThreshold.merge(tracestate, probability));
      }
      return marked.build().toByteString();
    }

    private static int indexOf(Span span, String key) {
      for (int i = 0; i < span.getAttributesCount(); i++) {
        if (span.getAttributes(i).getKey().equals(key)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A length-delimited field: tag, length and value. */
  static ByteString field(int tag, ByteString value) {
    byte[] out =
        new byte
            [CodedOutputStream.computeUInt32SizeNoTag(tag)
                + CodedOutputStream.computeUInt32SizeNoTag(value.size())
                + value.size()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeUInt32NoTag(tag);
      stream.writeUInt32NoTag(value.size());
      stream.writeRawBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("sized to fit", e);
    }
    return UnsafeByteOperations.unsafeWrap(out);
  }
}
