package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/**
 * Resource, scope and log record attributes, and log bodies (strings, maps and arrays, nested).
 * The body's summary goes to the record's attributes under {@code redaction.body.*}.
 */
final class LogRedactor implements BatchRedactor<ExportLogsServiceRequest> {
  private final AttributeRedactor attributes;
  private final ResourceAndScope owners;

  LogRedactor(AttributeRedactor attributes) {
    this.attributes = attributes;
    this.owners = new ResourceAndScope(attributes);
  }

  @Override
  public ExportLogsServiceRequest redact(ExportLogsServiceRequest batch, RedactionCounts counts) {
    List<ResourceLogs> in = batch.getResourceLogsList();
    List<ResourceLogs> out = CopyOnWrite.map(in, resourceLogs -> resourceLogs(resourceLogs, counts));
    return out == in ? batch : batch.toBuilder().clearResourceLogs().addAllResourceLogs(out).build();
  }

  private ResourceLogs resourceLogs(ResourceLogs resourceLogs, RedactionCounts counts) {
    Resource resource = owners.resource(resourceLogs.getResource(), counts);
    List<ScopeLogs> in = resourceLogs.getScopeLogsList();
    List<ScopeLogs> out = CopyOnWrite.map(in, scopeLogs -> scopeLogs(scopeLogs, counts));
    if (resource == resourceLogs.getResource() && out == in) {
      return resourceLogs;
    }
    ResourceLogs.Builder builder = resourceLogs.toBuilder();
    if (resource != resourceLogs.getResource()) {
      builder.setResource(resource);
    }
    if (out != in) {
      builder.clearScopeLogs().addAllScopeLogs(out);
    }
    return builder.build();
  }

  private ScopeLogs scopeLogs(ScopeLogs scopeLogs, RedactionCounts counts) {
    InstrumentationScope scope = owners.scope(scopeLogs.getScope(), counts);
    List<LogRecord> in = scopeLogs.getLogRecordsList();
    List<LogRecord> out = CopyOnWrite.map(in, record -> record(record, counts));
    if (scope == scopeLogs.getScope() && out == in) {
      return scopeLogs;
    }
    ScopeLogs.Builder builder = scopeLogs.toBuilder();
    if (scope != scopeLogs.getScope()) {
      builder.setScope(scope);
    }
    if (out != in) {
      builder.clearLogRecords().addAllLogRecords(out);
    }
    return builder.build();
  }

  private LogRecord record(LogRecord record, RedactionCounts counts) {
    List<KeyValue> attributesIn = record.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    AnyValue bodyIn = record.getBody();
    AnyValue bodyOut = bodyIn;
    if (record.hasBody()) {
      Findings bodyFindings = attributes.findings(counts);
      bodyOut = attributes.redactBody(bodyIn, bodyFindings);
      attributesOut = attributes.summarize(attributesOut, bodyFindings, SummaryKeys.BODY);
    }
    if (attributesOut == attributesIn && bodyOut == bodyIn) {
      return record;
    }
    LogRecord.Builder builder = record.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (bodyOut != bodyIn) {
      builder.setBody(bodyOut);
    }
    return builder.build();
  }
}
