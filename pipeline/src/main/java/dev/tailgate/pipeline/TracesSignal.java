package dev.tailgate.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.wire.LenientParser;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;

final class TracesSignal implements Signal<ExportTraceServiceRequest> {
  @Override
  public OtlpService<ExportTraceServiceRequest, ExportTraceServiceResponse> otlp() {
    return OtlpServices.TRACES;
  }

  private static final LenientParser<ExportTraceServiceRequest> PARSER =
      new LenientParser<>(
          ExportTraceServiceRequest.parser(),
          ExportTraceServiceRequest.getDescriptor(),
          MAX_MESSAGE_NESTING);

  @Override
  public String name() {
    return "traces";
  }

  @Override
  public String itemName() {
    return "spans";
  }

  @Override
  public int count(ExportTraceServiceRequest batch) {
    int spans = 0;
    for (ResourceSpans resource : batch.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        spans += scope.getSpansCount();
      }
    }
    return spans;
  }

  @Override
  public ExportTraceServiceRequest merge(List<ExportTraceServiceRequest> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ExportTraceServiceRequest.Builder merged = ExportTraceServiceRequest.newBuilder();
    for (ExportTraceServiceRequest part : parts) {
      merged.addAllResourceSpans(part.getResourceSpansList());
    }
    return merged.build();
  }

  @Override
  public List<ExportTraceServiceRequest> split(ExportTraceServiceRequest batch, int maxItems) {
    if (maxItems <= 0) {
      // A limit of 0 would never advance through the items: refuse it rather than loop forever.
      throw new IllegalArgumentException("maxItems must be > 0, got " + maxItems);
    }
    List<ExportTraceServiceRequest> out = new ArrayList<>();
    ExportTraceServiceRequest.Builder current = ExportTraceServiceRequest.newBuilder();
    int room = maxItems;
    for (ResourceSpans resource : batch.getResourceSpansList()) {
      ResourceSpans.Builder resourcePart = null;
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        int from = 0;
        int total = scope.getSpansCount();
        do {
          int take = Math.min(room, total - from);
          if (resourcePart == null) {
            resourcePart = resource.toBuilder().clearScopeSpans();
          }
          resourcePart.addScopeSpans(
              take == total
                  ? scope
                  : scope.toBuilder()
                      .clearSpans()
                      .addAllSpans(scope.getSpansList().subList(from, from + take))
                      .build());
          from += take;
          room -= take;
          if (room == 0) {
            current.addResourceSpans(resourcePart);
            out.add(current.build());
            current = ExportTraceServiceRequest.newBuilder();
            resourcePart = null;
            room = maxItems;
          }
        } while (from < total);
      }
      if (resourcePart != null) {
        current.addResourceSpans(resourcePart);
      }
    }
    if (current.getResourceSpansCount() > 0) {
      out.add(current.build());
    }
    return out;
  }

  @Override
  public ByteString encode(ExportTraceServiceRequest batch) {
    return batch.toByteString();
  }

  @Override
  public int serializedSize(ExportTraceServiceRequest batch) {
    return batch.getSerializedSize();
  }

  @Override
  public ExportTraceServiceRequest parse(ByteString bytes) throws InvalidProtocolBufferException {
    return PARSER.parse(bytes);
  }
}
