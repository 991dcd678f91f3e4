package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an encoded trace or logs export request into one encoded request per trace id, from its
 * bytes: each part holds the items of one trace under copies of the resource and scope entries they
 * came under (all their other fields, byte for byte). Parsing and re-encoding the request instead
 * cost the kafka exporter more than half its CPU (JFR: protobuf's parse of the batch and the UTF-8
 * re-encoding of every string). Both signals nest alike (request field 1 = resource entries,
 * resource entry field 2 = scope entries, scope entry field 2 = items); they differ only in the
 * item's trace id field. Field numbers are those of opentelemetry-proto v1.
 */
public final class ItemsByTraceId {
  /** Spans: Span.trace_id = 1. */
  public static final ItemsByTraceId SPANS = new ItemsByTraceId(1);

  /** Log records: LogRecord.trace_id = 9. */
  public static final ItemsByTraceId LOG_RECORDS = new ItemsByTraceId(9);

  private static final int RESOURCE_ENTRIES = 10; // field 1, length-delimited
  private static final int ENTRIES = 18; // field 2, length-delimited

  private final int traceIdTag;

  private ItemsByTraceId(int traceIdField) {
    this.traceIdTag = traceIdField << 3 | 2;
  }

  /**
   * The items of one trace as an encoded export request; {@code traceId} is empty for items outside
   * any trace. {@code whole}: the request had no other trace id, and {@code request} is the very
   * bytes given.
   */
  public record Part(ByteString traceId, ByteString request, int items, boolean whole) {}

  /** The parts in the order their trace ids first appear; none when the request has no items. */
  public List<Part> split(ByteString request) throws InvalidProtocolBufferException {
    WireReader in = WireReader.of(request);
    Map<ByteString, TraceItems> traces = new LinkedHashMap<>();
    int resourceIndex = 0;
    int scopeIndex = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag != RESOURCE_ENTRIES) {
        in.skip(tag);
        continue;
      }
      int outerResource = in.enter();
      ByteString resourceHead = EntryHeads.withoutEntries(in.buffer(), in.position(), in.limit());
      int resourceTag;
      while ((resourceTag = in.readTag()) != 0) {
        if (resourceTag != ENTRIES) {
          in.skip(resourceTag);
          continue;
        }
        int outerScope = in.enter();
        ByteString scopeHead = EntryHeads.withoutEntries(in.buffer(), in.position(), in.limit());
        int scopeTag;
        while ((scopeTag = in.readTag()) != 0) {
          if (scopeTag != ENTRIES) {
            in.skip(scopeTag);
            continue;
          }
          int outerItem = in.enter();
          ByteString item =
              UnsafeByteOperations.unsafeWrap(
                  in.buffer(), in.position(), in.limit() - in.position());
          traces
              .computeIfAbsent(traceIdOf(in), id -> new TraceItems())
              .add(resourceIndex, resourceHead, scopeIndex, scopeHead, item);
          in.exit(outerItem);
        }
        in.exit(outerScope);
        scopeIndex++;
      }
      in.exit(outerResource);
      resourceIndex++;
    }
    if (traces.size() == 1) {
      Map.Entry<ByteString, TraceItems> only = traces.entrySet().iterator().next();
      return List.of(new Part(only.getKey(), request, only.getValue().items, true));
    }
    List<Part> parts = new ArrayList<>(traces.size());
    traces.forEach((id, items) -> parts.add(new Part(id, items.encode(), items.items, false)));
    return parts;
  }

  /** Reads the item's fields for its trace id (the last, as a parser would); empty if none. */
  private ByteString traceIdOf(WireReader in) throws InvalidProtocolBufferException {
    ByteString traceId = ByteString.EMPTY;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == traceIdTag) {
        int outer = in.enter();
        // A copy: the id is a map key that must not pin or alias the request's array.
        traceId = ByteString.copyFrom(in.buffer(), in.position(), in.limit() - in.position());
        in.exit(outer);
      } else {
        in.skip(tag);
      }
    }
    return traceId;
  }

  private static int fieldSize(int length) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
  }

  /** One trace's items, grouped by the resource and scope entries they came under, in order. */
  private static final class TraceItems {
    private final List<Group> resources = new ArrayList<>();
    private int items;

    void add(
        int resourceIndex, ByteString resource, int scopeIndex, ByteString scope, ByteString item) {
      Group resourceGroup = resources.isEmpty() ? null : resources.get(resources.size() - 1);
      if (resourceGroup == null || resourceGroup.index != resourceIndex) {
        resourceGroup = new Group(resourceIndex, resource);
        resources.add(resourceGroup);
      }
      Group scopeGroup =
          resourceGroup.children.isEmpty()
              ? null
              : resourceGroup.children.get(resourceGroup.children.size() - 1);
      if (scopeGroup == null || scopeGroup.index != scopeIndex) {
        scopeGroup = new Group(scopeIndex, scope);
        resourceGroup.children.add(scopeGroup);
      }
      scopeGroup.items.add(item);
      items++;
    }

    ByteString encode() {
      int size = 0;
      for (Group resource : resources) {
        size += fieldSize(resource.size());
      }
      byte[] out = new byte[size];
      CodedOutputStream stream = CodedOutputStream.newInstance(out);
      try {
        for (Group resource : resources) {
          stream.writeUInt32NoTag(RESOURCE_ENTRIES);
          stream.writeUInt32NoTag(resource.size());
          stream.writeRawBytes(resource.head);
          for (Group scope : resource.children) {
            stream.writeUInt32NoTag(ENTRIES);
            stream.writeUInt32NoTag(scope.size());
            stream.writeRawBytes(scope.head);
            for (ByteString item : scope.items) {
              stream.writeUInt32NoTag(ENTRIES);
              stream.writeUInt32NoTag(item.size());
              stream.writeRawBytes(item);
            }
          }
        }
        stream.checkNoSpaceLeft();
      } catch (IOException e) {
        throw new IllegalStateException("the request was sized to fit", e);
      }
      return UnsafeByteOperations.unsafeWrap(out);
    }
  }

  /**
   * A resource entry with its scope entries as children, or a scope entry with its items; {@code
   * index} tells entries with equal bytes apart, so the output keeps the request's grouping.
   */
  private static final class Group {
    private final int index;
    private final ByteString head;
    private final List<Group> children = new ArrayList<>();
    private final List<ByteString> items = new ArrayList<>();
    private int size = -1;

    Group(int index, ByteString head) {
      this.index = index;
      this.head = head;
    }

    /** The entry's encoded length (without its own tag and length), computed once. */
    int size() {
      if (size < 0) {
        int total = head.size();
        for (Group child : children) {
          total += fieldSize(child.size());
        }
        for (ByteString item : items) {
          total += fieldSize(item.size());
        }
        size = total;
      }
      return size;
    }
  }
}
