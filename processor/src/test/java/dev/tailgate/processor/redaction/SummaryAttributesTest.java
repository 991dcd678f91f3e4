package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.asMap;
import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.map;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryAttributesTest {
  private static final String RULES =
      "allowed_keys: [name, notes, contact], ignored_keys: [safe], blocked_values: ['secret'],"
          + " allowed_values: ['@mycompany\\.com$']";

  private static ExportTraceServiceRequest spanWith(List<KeyValue> attributes) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(Span.newBuilder().addAllAttributes(attributes))))
        .build();
  }

  private static final List<KeyValue> ATTRIBUTES =
      List.of(
          str("name", "n"),
          str("notes", "a secret"),
          str("contact", "secret@mycompany.com"),
          str("safe", "secret too"),
          str("birth_date", "1815-12-10"),
          str("maiden_name", "Byron"));

  private static Map<String, String> spanAttributes(ExportTraceServiceRequest request) {
    return asMap(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getAttributesList());
  }

  @Test
  void silentAddsNothing() {
    var out = redact(config("{ " + RULES + " }"), Signal.TRACES, spanWith(ATTRIBUTES));

    assertThat(spanAttributes(out))
        .doesNotContainKeys("redaction.redacted.count", "redaction.masked.count");
  }

  @Test
  void infoAddsTheCollectorsCountAttributes() {
    var out =
        redact(config("{ summary: info, " + RULES + " }"), Signal.TRACES, spanWith(ATTRIBUTES));

    assertThat(spanAttributes(out))
        .containsEntry("notes", "a ****")
        .containsEntry("redaction.redacted.count", "2")
        .containsEntry("redaction.masked.count", "1")
        .containsEntry("redaction.allowed.count", "1")
        .containsEntry("redaction.ignored.count", "1")
        .doesNotContainKeys(
            "redaction.redacted.keys", "redaction.masked.keys", "birth_date", "maiden_name");
  }

  @Test
  void debugAlsoListsTheSortedKeys() {
    var out =
        redact(config("{ summary: debug, " + RULES + " }"), Signal.TRACES, spanWith(ATTRIBUTES));

    assertThat(spanAttributes(out))
        .containsEntry("redaction.redacted.keys", "birth_date,maiden_name")
        .containsEntry("redaction.redacted.count", "2")
        .containsEntry("redaction.masked.keys", "notes")
        .containsEntry("redaction.masked.count", "1")
        .containsEntry("redaction.allowed.keys", "contact")
        .containsEntry("redaction.ignored.count", "1");
  }

  @Test
  void aSecondRedactionKeepsAndAddsToTheSummary() {
    var first = config("{ summary: debug, allow_all_keys: true, blocked_values: ['secret'] }");
    var second = config("{ summary: debug, allowed_keys: [a] }");

    var once =
        redact(first, Signal.TRACES, spanWith(List.of(str("a", "secret"), str("b", "secret"))));
    var twice = redact(second, Signal.TRACES, once);

    assertThat(spanAttributes(twice))
        .containsExactly(
            entry("a", "****"),
            entry("redaction.masked.keys", "a,b"),
            entry("redaction.masked.count", "2"),
            entry("redaction.redacted.keys", "b"),
            entry("redaction.redacted.count", "1"));
  }

  @Test
  void aLogBodySummaryGoesToTheRecordAttributesUnderBodyNames() {
    AnyValue body =
        map(
            str("user", "secret"),
            str("dropped", "x"),
            KeyValue.newBuilder().setKey("nested").setValue(map(str("user", "secret"))).build());
    var in =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(body))))
            .build();

    var out =
        redact(
            config("{ summary: debug, allowed_keys: [user, nested], blocked_values: [secret] }"),
            Signal.LOGS,
            in);

    assertThat(asMap(out.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList()))
        .containsExactly(
            entry("redaction.body.redacted.keys", "dropped"),
            entry("redaction.body.redacted.count", "1"),
            entry("redaction.body.masked.keys", "nested.user,user"),
            entry("redaction.body.masked.count", "2"));
  }
}
