package dev.tailgate.processor.redaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.LenientParser;
import dev.tailgate.pipeline.wire.WireReader;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Redacts an encoded export request where it needs it and nowhere else. The three signals share one
 * layout: request.1 holds resource-level entries, each with its resource at 1 and scope-level
 * entries at 2, each with its scope at 1 and its items (spans, log records, metrics) at 2. Every
 * resource, scope and item is {@link WireScreen screened} in its bytes; only one with a hit is
 * parsed, redacted by the message redactors and encoded again, and the messages around it get new
 * lengths. Everything else, including the bytes of strings that are not UTF-8, stays as it came,
 * and a request without a hit is not copied at all.
 */
final class WireRedactor {
  private final WireScreen screen;
  private final Rewrite<Resource> resources;
  private final Rewrite<InstrumentationScope> scopes;
  private final Item item;

  WireRedactor(Signal<?> signal, AttributeRedactor attributes) {
    this.screen = new WireScreen(attributes);
    ResourceAndScope owners = new ResourceAndScope(attributes);
    this.resources = new Rewrite<>(Resource.parser(), Resource.getDescriptor(), owners::resource);
    this.scopes =
        new Rewrite<>(
            InstrumentationScope.parser(), InstrumentationScope.getDescriptor(), owners::scope);
    this.item =
        switch (signal.name()) {
          case "traces" ->
              new Item(
                  ItemScreen.SPAN,
                  new Rewrite<>(
                      Span.parser(), Span.getDescriptor(), new TraceRedactor(attributes)::span));
          case "logs" ->
              new Item(
                  ItemScreen.LOG_RECORD,
                  new Rewrite<>(
                      LogRecord.parser(),
                      LogRecord.getDescriptor(),
                      new LogRedactor(attributes)::record));
          case "metrics" ->
              new Item(
                  ItemScreen.METRIC,
                  new Rewrite<>(
                      Metric.parser(),
                      Metric.getDescriptor(),
                      new MetricRedactor(attributes)::metric));
          default ->
              throw new IllegalArgumentException(
                  "redaction does not support signal " + signal.name());
        };
  }

  /** The redacted encoding of {@code request}, or null when redaction changes nothing in it. */
  ByteString redact(ByteString request, RedactionCounts counts)
      throws InvalidProtocolBufferException {
    WireReader in = WireReader.of(request);
    return rewrite(in.buffer(), in.position(), in.limit(), Level.REQUEST, counts);
  }

  private enum Level {
    REQUEST,
    RESOURCE_ENTRY,
    SCOPE_ENTRY
  }

  private enum ItemScreen {
    SPAN,
    LOG_RECORD,
    METRIC
  }

  private record Item(ItemScreen screen, Rewrite<?> rewrite) {}

  /**
   * The message in {@code [from, to)} with its changed children written anew, or null when no child
   * changed. Unchanged fields are slices of the input, not copies.
   */
  private ByteString rewrite(byte[] bytes, int from, int to, Level level, RedactionCounts counts)
      throws InvalidProtocolBufferException {
    WireReader in = new WireReader(bytes, from, to);
    List<ByteString> parts = null;
    int copied = from;
    while (true) {
      int fieldStart = in.position();
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      if (tag != 10 && !(tag == 18 && level != Level.REQUEST)) {
        in.skip(tag);
        continue;
      }
      int outer = in.enter();
      int start = in.position();
      int end = in.limit();
      in.exit(outer);
      ByteString changed = child(bytes, start, end, level, tag == 10, counts);
      if (changed != null) {
        if (parts == null) {
          parts = new ArrayList<>();
        }
        parts.add(slice(bytes, copied, fieldStart));
        parts.add(tagAndLength(tag, changed.size()));
        parts.add(changed);
        copied = end;
      }
    }
    if (parts == null) {
      return null;
    }
    parts.add(slice(bytes, copied, to));
    return ByteString.copyFrom(parts);
  }

  /** Field 1 ({@code first}) or 2 of a message at {@code level}. */
  private ByteString child(
      byte[] bytes, int from, int to, Level level, boolean first, RedactionCounts counts)
      throws InvalidProtocolBufferException {
    return switch (level) {
      case REQUEST -> rewrite(bytes, from, to, Level.RESOURCE_ENTRY, counts);
      case RESOURCE_ENTRY ->
          first
              ? screen.resource(bytes, from, to) ? resources.apply(bytes, from, to, counts) : null
              : rewrite(bytes, from, to, Level.SCOPE_ENTRY, counts);
      case SCOPE_ENTRY ->
          first
              ? screen.scope(bytes, from, to) ? scopes.apply(bytes, from, to, counts) : null
              : itemHit(bytes, from, to) ? item.rewrite().apply(bytes, from, to, counts) : null;
    };
  }

  private boolean itemHit(byte[] bytes, int from, int to) throws InvalidProtocolBufferException {
    return switch (item.screen()) {
      case SPAN -> screen.span(bytes, from, to);
      case LOG_RECORD -> screen.logRecord(bytes, from, to);
      case METRIC -> screen.metric(bytes, from, to);
    };
  }

  private static ByteString slice(byte[] bytes, int from, int to) {
    return UnsafeByteOperations.unsafeWrap(bytes, from, to - from);
  }

  private static ByteString tagAndLength(int tag, int length) {
    byte[] header =
        new byte
            [CodedOutputStream.computeUInt32SizeNoTag(tag)
                + CodedOutputStream.computeUInt32SizeNoTag(length)];
    CodedOutputStream out = CodedOutputStream.newInstance(header);
    try {
      out.writeUInt32NoTag(tag);
      out.writeUInt32NoTag(length);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the header was sized to fit", e);
    }
    return UnsafeByteOperations.unsafeWrap(header);
  }

  /** Parses one message, redacts it with a message redactor, and encodes it again if it changed. */
  private static final class Rewrite<M extends Message> {
    private final LenientParser<M> parser;
    private final BiFunction<M, RedactionCounts, M> redactor;

    Rewrite(Parser<M> parser, Descriptor type, BiFunction<M, RedactionCounts, M> redactor) {
      this.parser = new LenientParser<>(parser, type, Signal.MAX_MESSAGE_NESTING);
      this.redactor = redactor;
    }

    ByteString apply(byte[] bytes, int from, int to, RedactionCounts counts)
        throws InvalidProtocolBufferException {
      M parsed = parser.parse(slice(bytes, from, to));
      M redacted = redactor.apply(parsed, counts);
      return redacted == parsed ? null : redacted.toByteString();
    }
  }
}
