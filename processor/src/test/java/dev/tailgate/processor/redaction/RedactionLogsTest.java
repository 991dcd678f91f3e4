package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.array;
import static dev.tailgate.processor.redaction.RedactionFixtures.asMap;
import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.entry;
import static dev.tailgate.processor.redaction.RedactionFixtures.map;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static dev.tailgate.processor.redaction.RedactionFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionLogsTest {
  private static final String EMAIL = "ada@example.org";
  private static final RedactionConfig MASK_EMAILS =
      config("{ allow_all_keys: true, value_patterns: [email] }");

  private static ExportLogsServiceRequest logs(
      List<KeyValue> resource, List<KeyValue> scope, LogRecord record) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().addAllAttributes(scope))
                        .addLogRecords(record)))
        .build();
  }

  private static ExportLogsServiceRequest body(AnyValue body) {
    return logs(
        List.of(), List.of(), LogRecord.newBuilder().setSeverityText("INFO").setBody(body).build());
  }

  private static LogRecord onlyRecord(ExportLogsServiceRequest request) {
    return request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
  }

  @Test
  void masksResourceAndScopeAttributesOfLogs() {
    var out =
        redact(
            MASK_EMAILS,
            Signal.LOGS,
            logs(
                List.of(str("owner", EMAIL)),
                List.of(str("contact", EMAIL)),
                LogRecord.getDefaultInstance()));

    assertThat(asMap(out.getResourceLogs(0).getResource().getAttributesList()))
        .containsExactly(entry("owner", "****"));
    assertThat(asMap(out.getResourceLogs(0).getScopeLogs(0).getScope().getAttributesList()))
        .containsExactly(entry("contact", "****"));
  }

  @Test
  void masksLogRecordAttributes() {
    var out =
        redact(
            MASK_EMAILS,
            Signal.LOGS,
            logs(
                List.of(),
                List.of(),
                LogRecord.newBuilder().addAttributes(str("user", "to " + EMAIL)).build()));

    assertThat(asMap(onlyRecord(out).getAttributesList()))
        .containsExactly(entry("user", "to ****"));
  }

  @Test
  void masksAStringBody() {
    var out = redact(MASK_EMAILS, Signal.LOGS, body(text("mail sent to " + EMAIL + " ok")));

    assertThat(onlyRecord(out).getBody()).isEqualTo(text("mail sent to **** ok"));
    assertThat(onlyRecord(out).getSeverityText()).isEqualTo("INFO");
  }

  @Test
  void redactsAMapBodyByKeyAndValueAllTheWayDown() {
    var config =
        config(
            "{ allowed_keys: [user, email, password, meta], blocked_key_patterns: [password],"
                + " value_patterns: [email] }");
    var in =
        body(
            map(
                entry(
                    "user",
                    map(str("email", EMAIL), str("password", "hunter2"), str("phone", "123"))),
                str("meta", "plain"),
                str("dropped", "x")));

    var out = redact(config, Signal.LOGS, in);

    assertThat(onlyRecord(out).getBody())
        .isEqualTo(
            map(
                entry("user", map(str("email", "****"), str("password", "****"))),
                str("meta", "plain")));
  }

  @Test
  void masksInsideAnArrayBodyWithNestedArraysAndMaps() {
    var in =
        body(array(text(EMAIL), array(text("fine"), text("cc " + EMAIL)), map(str("to", EMAIL))));

    var out = redact(MASK_EMAILS, Signal.LOGS, in);

    assertThat(onlyRecord(out).getBody())
        .isEqualTo(
            array(text("****"), array(text("fine"), text("cc ****")), map(str("to", "****"))));
  }

  @Test
  void anUnchangedLogBatchIsTheSameInstance() {
    var in =
        logs(
            List.of(str("service.name", "x")),
            List.of(),
            LogRecord.newBuilder().setBody(map(str("msg", "no secrets here"))).build());

    assertThat(redact(MASK_EMAILS, Signal.LOGS, in)).isSameAs(in);
  }
}
