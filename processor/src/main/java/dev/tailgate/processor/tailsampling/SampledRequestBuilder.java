package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Batch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects kept spans, marked, into one encoded export request per tenant (data of different
 * senders never travels together), grouped by resource and then scope (compared by their bytes), so
 * spans of many traces from the same service travel under one resource. Each request is written
 * into an array of its own: the arrivals' bytes are not kept alive by it, but their leases are
 * (each arrival is retained once per request as its first span is added, before its trace's
 * decision can release it), so an arrival counts as done only once its kept spans were taken for
 * good downstream.
 */
final class SampledRequestBuilder {
  private static final int RESOURCE_SPANS = 10; // ExportTraceServiceRequest.resource_spans = 1
  private static final int ENTRIES = 18; // ResourceSpans.scope_spans = 2, ScopeSpans.spans = 2

  private final SpanMarker marker;
  private final Map<String, Map<ByteString, Map<ByteString, List<ByteString>>>> byTenant =
      new LinkedHashMap<>();

  /** Per tenant, the arrivals its kept spans came from, each retained once for the request. */
  private final Map<String, Map<Arrival, Batch<?>>> sourcesByTenant = new LinkedHashMap<>();

  private int spanCount;
  private Origin lastOrigin;
  private List<ByteString> lastSpans;

  SampledRequestBuilder(SpanMarker marker) {
    this.marker = marker;
  }

  void add(BufferedTrace trace, SamplingVerdict verdict) {
    SpanMarker.Marks marks = marker.marksFor(verdict);
    for (BufferedSpan span : trace.buffered()) {
      spansOf(span.origin()).add(marks.mark(span.wire()));
    }
    spanCount += trace.spanCount();
  }

  /** A span that follows a remembered verdict. */
  void add(BufferedSpan span, SamplingVerdict verdict) {
    spansOf(span.origin()).add(marker.mark(span.wire(), verdict));
    spanCount++;
  }

  int spanCount() {
    return spanCount;
  }

  /**
   * An encoded export request of {@code spans} kept spans sent by {@code tenant}, holding one
   * reference to each arrival batch in {@code sources} (to be taken over by the batch made of it).
   */
  record KeptRequest(String tenant, ByteString request, int spans, List<Batch<?>> sources) {}

  /** The encoded requests, one per tenant; none when nothing was kept. */
  List<KeptRequest> build() {
    List<KeptRequest> built = new ArrayList<>(byTenant.size());
    byTenant.forEach(
        (tenant, groups) ->
            built.add(build(tenant, groups, List.copyOf(sourcesByTenant.get(tenant).values()))));
    return built;
  }

  private static KeptRequest build(
      String tenant,
      Map<ByteString, Map<ByteString, List<ByteString>>> groups,
      List<Batch<?>> sources) {
    int spans = 0;
    long size = 0;
    List<Integer> sizes = new ArrayList<>();
    for (var resource : groups.entrySet()) {
      long resourceSize = resource.getKey().size();
      for (var scope : resource.getValue().entrySet()) {
        long scopeSize = scope.getKey().size();
        for (ByteString span : scope.getValue()) {
          scopeSize += field(span.size());
        }
        spans += scope.getValue().size();
        sizes.add(Math.toIntExact(scopeSize));
        resourceSize += field(scopeSize);
      }
      sizes.add(Math.toIntExact(resourceSize));
      size += field(resourceSize);
    }
    byte[] out = new byte[Math.toIntExact(size)];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      int next = 0;
      for (var resource : groups.entrySet()) {
        // Sizes were listed scopes first, then their resource: look the resource's up past them.
        int resourceSizeAt = next + resource.getValue().size();
        stream.writeUInt32NoTag(RESOURCE_SPANS);
        stream.writeUInt32NoTag(sizes.get(resourceSizeAt));
        stream.writeRawBytes(resource.getKey());
        for (var scope : resource.getValue().entrySet()) {
          stream.writeUInt32NoTag(ENTRIES);
          stream.writeUInt32NoTag(sizes.get(next++));
          stream.writeRawBytes(scope.getKey());
          for (ByteString span : scope.getValue()) {
            stream.writeUInt32NoTag(ENTRIES);
            stream.writeUInt32NoTag(span.size());
            stream.writeRawBytes(span);
          }
        }
        next++;
      }
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the request was sized to fit", e);
    }
    return new KeptRequest(tenant, UnsafeByteOperations.unsafeWrap(out), spans, sources);
  }

  private static long field(long length) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(Math.toIntExact(length)) + length;
  }

  private List<ByteString> spansOf(Origin origin) {
    // Spans come in runs from one origin: comparing resource and scope bytes once per run is
    // enough.
    if (origin != lastOrigin) {
      lastOrigin = origin;
      lastSpans = groupOf(origin);
    }
    return lastSpans;
  }

  private List<ByteString> groupOf(Origin origin) {
    Arrival arrival = origin.arrival();
    sourcesByTenant
        .computeIfAbsent(arrival.tenant(), k -> new IdentityHashMap<>())
        .computeIfAbsent(arrival, Arrival::retainForKept);
    return byTenant
        .computeIfAbsent(arrival.tenant(), k -> new LinkedHashMap<>())
        .computeIfAbsent(origin.resourceEntry(), k -> new LinkedHashMap<>())
        .computeIfAbsent(origin.scopeEntry(), k -> new ArrayList<>());
  }
}
