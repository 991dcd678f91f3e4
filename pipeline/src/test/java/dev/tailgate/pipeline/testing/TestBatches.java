package dev.tailgate.pipeline.testing;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Small OTLP batches whose every item says where it belongs: resource {@code service.name=r<i>},
 * scope {@code s<j>}, item name {@code r<i>/s<j>/<k>}; so a test can tell an item that moved to the
 * wrong resource or scope.
 */
public final class TestBatches {
  private TestBatches() {}

  public static Resource resource(String serviceName) {
    return Resource.newBuilder()
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(serviceName)))
        .build();
  }

  public static InstrumentationScope scope(String name) {
    return InstrumentationScope.newBuilder().setName(name).setVersion("1.0").build();
  }

  /** {@code resources} × {@code scopes} × {@code spans} spans. */
  public static ExportTraceServiceRequest traces(int resources, int scopes, int spans) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int r = 0; r < resources; r++) {
      ResourceSpans.Builder resource =
          ResourceSpans.newBuilder()
              .setResource(resource("r" + r))
              .setSchemaUrl("https://schema/r" + r);
      for (int s = 0; s < scopes; s++) {
        ScopeSpans.Builder scope =
            ScopeSpans.newBuilder().setScope(scope("s" + s)).setSchemaUrl("https://schema/s" + s);
        for (int k = 0; k < spans; k++) {
          scope.addSpans(Span.newBuilder().setName("r" + r + "/s" + s + "/" + k));
        }
        resource.addScopeSpans(scope);
      }
      request.addResourceSpans(resource);
    }
    return request.build();
  }

  /** {@code resources} × {@code scopes} × {@code records} log records. */
  public static ExportLogsServiceRequest logs(int resources, int scopes, int records) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    for (int r = 0; r < resources; r++) {
      ResourceLogs.Builder resource =
          ResourceLogs.newBuilder()
              .setResource(resource("r" + r))
              .setSchemaUrl("https://schema/r" + r);
      for (int s = 0; s < scopes; s++) {
        ScopeLogs.Builder scope =
            ScopeLogs.newBuilder().setScope(scope("s" + s)).setSchemaUrl("https://schema/s" + s);
        for (int k = 0; k < records; k++) {
          scope.addLogRecords(
              LogRecord.newBuilder()
                  .setBody(AnyValue.newBuilder().setStringValue("r" + r + "/s" + s + "/" + k)));
        }
        resource.addScopeLogs(scope);
      }
      request.addResourceLogs(resource);
    }
    return request.build();
  }
}
