package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default config.yml's redaction block, applied by the real gateway to data from the real SDK.
 */
class RedactionEndToEndTest {

  /** The default config.yml with its receivers, exporters and admin port pointed at the test's. */
  static String defaultConfigForTest() throws Exception {
    String config = Files.readString(Path.of("../config.yml"));
    return config
        .replace("${TAILGATE_GRPC_ENDPOINT:-0.0.0.0:4317}", "127.0.0.1:GRPC_PORT")
        .replace("${TAILGATE_HTTP_ENDPOINT:-0.0.0.0:4318}", "127.0.0.1:HTTP_PORT")
        .replace("${TAILGATE_ADMIN_PORT:-8081}", "ADMIN_PORT")
        .replace("exporters: [debug]", "exporters: [otlp]")
        .replace(
            "exporters:\n",
            "exporters:\n  otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true } }\n");
  }

  @Test
  void theDefaultConfigMasksSecretsInSpansAndLogs() throws Exception {
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest gateway =
            new GatewayUnderTest(defaultConfigForTest(), backend.port()).start()) {
      try (SdkTracerProvider tracing =
          SdkTracerProvider.builder()
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint(gateway.grpcEndpoint())
                              .build())
                      .build())
              .build()) {
        tracing
            .get("redaction")
            .spanBuilder("login")
            .setAttribute("db.password", "hunter2")
            .setAttribute("http.request.header.authorization", "Bearer abc.def.ghi")
            .setAttribute("user.note", "mail me at jane.doe@example.com")
            .setAttribute("payment.info", "card 4111 1111 1111 1111 ok")
            .setAttribute("http.route", "/login")
            .startSpan()
            .end();
        assertThat(tracing.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }
      try (SdkLoggerProvider logging =
          SdkLoggerProvider.builder()
              .addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(
                      OtlpGrpcLogRecordExporter.builder()
                          .setEndpoint(gateway.grpcEndpoint())
                          .build()))
              .build()) {
        logging
            .get("redaction")
            .logRecordBuilder()
            .setBody("reset link sent to jane.doe@example.com")
            .setAttribute(AttributeKey.stringKey("api_key"), "AKIAIOSFODNN7EXAMPLE")
            .emit();
        assertThat(logging.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }

      assertThat(
              Await.until(
                  () -> backend.traces.items() >= 1 && backend.logs.items() >= 1,
                  Duration.ofSeconds(10)))
          .isTrue();
      var span = backend.traces.merged().getResourceSpans(0).getScopeSpans(0).getSpans(0);
      Map<String, String> attributes = SdkEndToEndTest.attributes(span.getAttributesList());
      assertThat(attributes.get("db.password")).isEqualTo("****");
      assertThat(attributes.get("http.request.header.authorization")).doesNotContain("abc.def.ghi");
      assertThat(attributes.get("user.note")).isEqualTo("mail me at ****");
      assertThat(attributes.get("payment.info")).doesNotContain("4111 1111 1111 1111");
      assertThat(attributes.get("http.route")).isEqualTo("/login");

      var log = backend.logs.merged().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
      assertThat(log.getBody().getStringValue()).isEqualTo("reset link sent to ****");
      assertThat(SdkEndToEndTest.attributes(log.getAttributesList()).get("api_key"))
          .isEqualTo("****");
    }
  }

  /**
   * Java's regex engine recursed once per label here and overflowed the stack: the request was
   * lost.
   */
  @Test
  void anEmailLikeValueOfThousandsOfLabelsIsMaskedOverGrpcAndHttp() throws Exception {
    String huge = "a@b" + ".c".repeat(6000);
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest gateway =
            new GatewayUnderTest(defaultConfigForTest(), backend.port()).start()) {
      var exporters =
          java.util.List.of(
              OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
              io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.builder()
                  .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
                  .build());
      for (var exporter : exporters) {
        try (SdkTracerProvider tracing =
            SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build()) {
          tracing
              .get("redaction")
              .spanBuilder("huge")
              .setAttribute("user.note", huge)
              .startSpan()
              .end();
          assertThat(tracing.forceFlush().join(10, SECONDS).isSuccess()).as("accepted").isTrue();
        }
      }

      assertThat(Await.until(() -> backend.traces.items() >= 2, Duration.ofSeconds(10))).isTrue();
      var spans =
          backend.traces.merged().getResourceSpansList().stream()
              .flatMap(r -> r.getScopeSpansList().stream())
              .flatMap(s -> s.getSpansList().stream())
              .toList();
      assertThat(spans)
          .hasSize(2)
          .allSatisfy(
              span ->
                  assertThat(SdkEndToEndTest.attributes(span.getAttributesList()).get("user.note"))
                      .isEqualTo("****"));
    }
  }
}
