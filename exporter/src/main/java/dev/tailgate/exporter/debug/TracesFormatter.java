package dev.tailgate.exporter.debug;

import com.google.protobuf.TextFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

final class TracesFormatter implements BatchFormatter<ExportTraceServiceRequest> {
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public String summary(ExportTraceServiceRequest batch) {
    int spans = 0;
    for (ResourceSpans resource : batch.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        spans += scope.getSpansCount();
      }
    }
    return "traces: " + batch.getResourceSpansCount() + " resource spans, " + spans + " spans";
  }

  @Override
  public List<String> items(ExportTraceServiceRequest batch) {
    List<String> lines = new ArrayList<>();
    for (ResourceSpans resource : batch.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          lines.add(
              "span \""
                  + span.getName()
                  + "\" trace_id="
                  + HEX.formatHex(span.getTraceId().toByteArray())
                  + " span_id="
                  + HEX.formatHex(span.getSpanId().toByteArray()));
        }
      }
    }
    return lines;
  }

  @Override
  public String detailed(ExportTraceServiceRequest batch) {
    return TextFormat.printer().printToString(batch);
  }
}
