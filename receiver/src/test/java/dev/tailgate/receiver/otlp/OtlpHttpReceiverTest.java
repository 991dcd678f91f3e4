package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.SPAN_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.log;
import static dev.tailgate.receiver.otlp.OtlpTestData.logs;
import static dev.tailgate.receiver.otlp.OtlpTestData.metrics;
import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class OtlpHttpReceiverTest {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final ByteSize LIMIT = ByteSize.parse("64KiB");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingHost host = new RecordingHost();
  private final MemoryBudget budget = new MemoryBudget(64L << 20, new SimpleMeterRegistry());
  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final SinkConsumer<ExportMetricsServiceRequest> metricSink =
      new SinkConsumer<>(Signal.METRICS);
  private final SinkConsumer<ExportLogsServiceRequest> logSink = new SinkConsumer<>(Signal.LOGS);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final int port = FreePort.find();
  private Receiver receiver;
  private JettyServer jetty;

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.shutdown();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  void asksTheHostToServeExactlyThePathsOfSignalsWithAConsumer() {
    create(SignalConsumers.ofTraces(traceSink));
    assertThat(host.served())
        .singleElement()
        .satisfies(
            served -> {
              assertThat(served.endpoint()).isEqualTo(new Endpoint("127.0.0.1", port));
              assertThat(served.paths()).containsExactly("/v1/traces");
              assertThat(served.servlet()).isInstanceOf(OtlpHttpServlet.class);
            });
  }

  @Test
  void deliversProtobufForAllThreeSignals() throws Exception {
    serve(allSignals(traceSink));
    assertThat(host.served().get(0).paths())
        .containsExactly("/v1/traces", "/v1/metrics", "/v1/logs");

    HttpResponse<byte[]> traces =
        post("/v1/traces", PROTOBUF, null, traces(span("a"), span("b")).toByteArray());
    HttpResponse<byte[]> metrics =
        post("/v1/metrics", PROTOBUF, null, metrics(1, 2, 3).toByteArray());
    HttpResponse<byte[]> logs = post("/v1/logs", PROTOBUF, null, logs(log("hello")).toByteArray());

    assertThat(List.of(traces.statusCode(), metrics.statusCode(), logs.statusCode()))
        .containsOnly(200);
    assertThat(traces.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(ExportTraceServiceResponse.parseFrom(traces.body()))
        .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
    assertThat(traceSink.items()).isEqualTo(2);
    assertThat(metricSink.items()).isEqualTo(3);
    assertThat(logSink.items()).isEqualTo(1);
    assertThat(counter("accepted", "spans")).isEqualTo(2.0);
  }

  @Test
  void deliversHandWrittenJsonWithHexIdsIntact() throws Exception {
    serve(allSignals(traceSink));
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
          "scopeSpans":[{"scope":{"name":"manual"},"spans":[{
            "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "parentSpanId":"eee19b7ec3c1b173","name":"GET /cart","kind":2,
            "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",
            "status":{"code":1}}]}]}]}
        """;

    HttpResponse<byte[]> response =
        post("/v1/traces", "application/json; charset=utf-8", null, utf8(json));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    Span span = traceSink.merged().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getTraceId()).isEqualTo(OtlpTestData.hex("5b8efff798038103d269b633813fc60c"));
    assertThat(span.getSpanId()).isEqualTo(OtlpTestData.hex("eee19b7ec3c1b174"));
    assertThat(span.getParentSpanId()).isEqualTo(OtlpTestData.hex("eee19b7ec3c1b173"));
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
  }

  @Test
  void takesGzipDeflateAndZstdBodies() throws Exception {
    serve(allSignals(traceSink));
    byte[] body = traces(span("compressed")).toByteArray();

    HttpResponse<byte[]> gzip = post("/v1/traces", PROTOBUF, "gzip", BoundedBodyTest.gzip(body));
    HttpResponse<byte[]> deflate = post("/v1/traces", PROTOBUF, "deflate", deflate(body));
    HttpResponse<byte[]> zstd = post("/v1/traces", PROTOBUF, "zstd", Zstd.compress(body));
    HttpResponse<byte[]> identity = post("/v1/traces", PROTOBUF, "identity", body);

    assertThat(
            List.of(
                gzip.statusCode(), deflate.statusCode(), zstd.statusCode(), identity.statusCode()))
        .containsOnly(200);
    assertThat(traceSink.items()).isEqualTo(4);
  }

  @Test
  void takesLz4FramesAndZlibAsTheCollectorDoes() throws Exception {
    serve(allSignals(traceSink));
    byte[] body = traces(span("compressed")).toByteArray();
    ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(lz4)) {
      out.write(body);
    }

    HttpResponse<byte[]> lz4Answer = post("/v1/traces", PROTOBUF, "lz4", lz4.toByteArray());
    HttpResponse<byte[]> zlibAnswer = post("/v1/traces", PROTOBUF, "zlib", deflate(body));

    assertThat(List.of(lz4Answer.statusCode(), zlibAnswer.statusCode())).containsOnly(200);
    assertThat(traceSink.items()).isEqualTo(2);
  }

  @Test
  void refusesAnEncodingLeftOutOfCompressionAlgorithmsAndNamesTheAcceptedOnes() throws Exception {
    serve(httpConfig("compression_algorithms: [\"\", zstd]"), allSignals(traceSink));
    byte[] body = traces(span("a")).toByteArray();

    HttpResponse<byte[]> gzip = post("/v1/traces", PROTOBUF, "gzip", BoundedBodyTest.gzip(body));
    HttpResponse<byte[]> zstd = post("/v1/traces", PROTOBUF, "zstd", Zstd.compress(body));
    HttpResponse<byte[]> plain = post("/v1/traces", PROTOBUF, null, body);

    assertThat(gzip.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(gzip.body()).getMessage())
        .contains("Content-Encoding \"gzip\"")
        .contains("accepted here: identity, zstd");
    assertThat(List.of(zstd.statusCode(), plain.statusCode())).containsOnly(200);
    assertThat(traceSink.items()).isEqualTo(2);
  }

  @Test
  void setsTheResponseHeadersOnEveryAnswerIncludingErrors() throws Exception {
    serve(httpConfig("response_headers: { X-Served-By: tailgate-1 }"), allSignals(traceSink));

    HttpResponse<byte[]> ok = post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());
    HttpResponse<byte[]> refused = post("/v1/traces", "text/plain", null, new byte[0]);

    assertThat(ok.headers().firstValue("X-Served-By")).contains("tailgate-1");
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.headers().firstValue("X-Served-By")).contains("tailgate-1");
  }

  @Test
  void takesSnappyBodiesAsBlocksOrFramedAsTheCollectorSendsThem() throws Exception {
    serve(allSignals(traceSink));
    byte[] body = traces(span("compressed")).toByteArray();

    HttpResponse<byte[]> block = post("/v1/traces", PROTOBUF, "snappy", Snappy.compress(body));
    HttpResponse<byte[]> framedAsSnappy =
        post("/v1/traces", PROTOBUF, "snappy", BoundedBodyTest.snappyFramed(body));
    HttpResponse<byte[]> framed =
        post("/v1/traces", PROTOBUF, "x-snappy-framed", BoundedBodyTest.snappyFramed(body));

    assertThat(List.of(block.statusCode(), framedAsSnappy.statusCode(), framed.statusCode()))
        .containsOnly(200);
    assertThat(traceSink.items()).isEqualTo(3);
    assertThat(traceSink.merged().getResourceSpans(2).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo("compressed");
  }

  @Test
  void refusesAnUnsupportedContentTypeWith415() throws Exception {
    serve(allSignals(traceSink));

    HttpResponse<byte[]> response = post("/v1/traces", "text/plain", null, utf8("spans"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("application/x-protobuf");
  }

  @Test
  void refusesMethodsOtherThanPostWith405() throws Exception {
    serve(allSignals(traceSink));

    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/v1/traces")).GET().build(), BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
  }

  @Test
  void refusesAnUndecodablePayloadWith400InTheRequestsEncoding() throws Exception {
    serve(allSignals(traceSink));

    HttpResponse<byte[]> protobuf =
        post("/v1/traces", PROTOBUF, null, new byte[] {(byte) 0xff, 0x01, 0x02});
    HttpResponse<byte[]> json = post("/v1/traces", JSON, null, utf8("{\"resourceSpans\": [ oops"));

    assertThat(protobuf.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(protobuf.body()).getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    assertThat(json.statusCode()).isEqualTo(400);
    JsonNode status = mapper.readTree(json.body());
    assertThat(status.get("code").asInt()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    assertThat(status.get("message").asText()).startsWith("cannot decode traces");
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void refusesAnUnknownContentEncodingWith400() throws Exception {
    serve(allSignals(traceSink));

    HttpResponse<byte[]> response =
        post("/v1/traces", PROTOBUF, "br", traces(span("a")).toByteArray());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("Content-Encoding \"br\"");
  }

  @Test
  void refusesABodyOverTheLimitWith413() throws Exception {
    serve(allSignals(traceSink));
    byte[] large = traces(span("x".repeat((int) LIMIT.bytes()))).toByteArray();

    HttpResponse<byte[]> withLength = post("/v1/traces", PROTOBUF, null, large);
    HttpResponse<byte[]> chunked =
        send(
            "/v1/traces",
            PROTOBUF,
            null,
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));

    assertThat(withLength.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(withLength.body()).getCode())
        .isEqualTo(Code.RESOURCE_EXHAUSTED_VALUE);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void keepsTheConnectionOfABodyRefusedForItsSizeSoTheClientReadsThe413() throws Exception {
    serve(allSignals(traceSink));
    byte[] over = traces(span("x".repeat((int) LIMIT.bytes()))).toByteArray();

    HttpResponse<byte[]> refused = post("/v1/traces", PROTOBUF, null, over);
    HttpResponse<byte[]> next = post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Connection")).isEmpty();
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void closesTheConnectionOfABodyFarOverTheLimitInsteadOfReadingIt() throws Exception {
    serve(allSignals(traceSink));
    byte[] farOver = traces(span("x".repeat((int) LIMIT.bytes() * 5))).toByteArray();

    HttpResponse<byte[]> refused = post("/v1/traces", PROTOBUF, null, farOver);

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Connection")).hasValue("close");
  }

  @Test
  void refusesAGzipBombWith413() throws Exception {
    serve(allSignals(traceSink));
    byte[] bomb = BoundedBodyTest.gzip(new byte[(int) LIMIT.bytes() * 64]);
    assertThat(bomb.length).isLessThan((int) LIMIT.bytes());

    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "gzip", bomb);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("decompressed");
  }

  @Test
  void refusesAZstdBombWith413() throws Exception {
    serve(allSignals(traceSink));
    byte[] bomb = Zstd.compress(new byte[(int) LIMIT.bytes() * 64]);
    assertThat(bomb.length).isLessThan((int) LIMIT.bytes());

    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "zstd", bomb);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("decompressed");
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void refusesASnappyBombWith413Framed() throws Exception {
    serve(allSignals(traceSink));
    byte[] bomb = BoundedBodyTest.snappyFramed(new byte[(int) LIMIT.bytes() * 16]);
    assertThat(bomb.length).isLessThan((int) LIMIT.bytes());

    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "snappy", bomb);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Status.parseFrom(response.body()).getMessage()).contains("decompressed");
  }

  @Test
  void answersARetryableRefusalWith503AndRetryAfter() throws Exception {
    serve(
        allSignals(
            batch -> {
              throw new RetryableException("queue is full", Duration.ofMillis(2500), null);
            }));

    HttpResponse<byte[]> response =
        post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(Status.parseFrom(response.body()).getMessage()).isEqualTo("queue is full");
    assertThat(counter("refused", "spans")).isEqualTo(1.0);
  }

  @Test
  void refusesWith503BeforeReadingTheBodyWhenTheMemoryBudgetIsSpent() throws Exception {
    serve(allSignals(traceSink));
    Lease everything = budget.tryReserve(budget.limit());

    HttpResponse<byte[]> refused =
        post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());
    everything.release();
    HttpResponse<byte[]> accepted =
        post("/v1/traces", PROTOBUF, null, traces(span("b")).toByteArray());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(com.google.rpc.Status.parseFrom(refused.body()).getCode())
        .isEqualTo(Code.UNAVAILABLE_VALUE);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(traceSink.items()).isEqualTo(1);
    assertThat(budget.used()).as("the sink released what it took").isZero();
  }

  @Test
  void refusesWith503WhileALoneOversizedRequestHoldsMoreThanTheWholeBudget() throws Exception {
    serve(allSignals(traceSink));
    Lease oversized = budget.tryReserve(budget.limit() + 1);

    HttpResponse<byte[]> refused =
        post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());
    oversized.release();

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(com.google.rpc.Status.parseFrom(refused.body()).getCode())
        .isEqualTo(Code.UNAVAILABLE_VALUE);
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void forwardsTheBodyBytesAsTheyArrivedEvenWithInvalidUtf8() throws Exception {
    serve(allSignals(traceSink));
    byte[] body = InvalidUtf8.replacing(traces(span("marker-name")), "marker-name").toByteArray();

    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, null, body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(traceSink.wires()).hasSize(1);
    assertThat(traceSink.wires().get(0).toByteArray()).isEqualTo(body);
  }

  @Test
  void answersARetryableRefusalWithoutDelayWithRetryAfterOne() throws Exception {
    serve(
        allSignals(
            batch -> {
              throw new RetryableException("memory limit", Duration.ZERO, null);
            }));

    HttpResponse<byte[]> response =
        post(
            "/v1/traces",
            JSON,
            null,
            utf8(
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
                    + "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\"}]}]}]}"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(mapper.readTree(response.body()).get("code").asInt())
        .isEqualTo(Code.UNAVAILABLE_VALUE);
  }

  @Test
  void answersAPermanentRefusalWith400AndAnUnexpectedFailureWith500() throws Exception {
    Consumer<ExportTraceServiceRequest> permanent =
        batch -> {
          throw new PermanentException("backend rejected the data");
        };
    Consumer<ExportMetricsServiceRequest> broken =
        batch -> {
          throw new IllegalStateException("bug");
        };
    serve(new SignalConsumers(Optional.of(permanent), Optional.of(broken), Optional.of(logSink)));

    HttpResponse<byte[]> refused =
        post("/v1/traces", PROTOBUF, null, traces(span("a")).toByteArray());
    HttpResponse<byte[]> failed = post("/v1/metrics", PROTOBUF, null, metrics(1).toByteArray());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Status.parseFrom(refused.body()).getMessage())
        .isEqualTo("backend rejected the data");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(Status.parseFrom(failed.body()).getMessage()).doesNotContain("bug");
  }

  @Test
  void reportsRejectedSpansAsPartialSuccess() throws Exception {
    serve(allSignals(traceSink));
    byte[] body =
        traces(span("good"), span("bad", ByteString.copyFrom(new byte[4]), SPAN_ID)).toByteArray();
    String json =
        """
        {"resourceSpans":[{"scopeSpans":[{"spans":[
          {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"good"},
          {"traceId":"abcd","spanId":"eee19b7ec3c1b174","name":"bad"}]}]}]}
        """;

    HttpResponse<byte[]> protobuf = post("/v1/traces", PROTOBUF, null, body);
    HttpResponse<byte[]> fromJson = post("/v1/traces", JSON, null, utf8(json));

    assertThat(protobuf.statusCode()).isEqualTo(200);
    assertThat(
            ExportTraceServiceResponse.parseFrom(protobuf.body())
                .getPartialSuccess()
                .getRejectedSpans())
        .isEqualTo(1);
    assertThat(fromJson.statusCode()).isEqualTo(200);
    JsonNode partial = mapper.readTree(fromJson.body()).get("partialSuccess");
    assertThat(partial.get("rejectedSpans").asLong()).isEqualTo(1);
    assertThat(partial.get("errorMessage").asText()).contains("trace_id must be 16 bytes");
    assertThat(traceSink.items()).isEqualTo(2);
    assertThat(counter("refused", "spans")).isEqualTo(2.0);
  }

  @Test
  void servesEachSignalAtItsConfiguredUrlPath() throws Exception {
    receiver =
        create(
            new HttpProtocolConfig(
                new Endpoint("127.0.0.1", port),
                LIMIT,
                null,
                null,
                null,
                "traces",
                "/v2/metrics",
                "log/ingest"),
            allSignals(traceSink));
    jetty = new JettyServer(host.served().get(0));
    receiver.start();

    HttpResponse<byte[]> traces = post("/traces", PROTOBUF, null, traces(span("a")).toByteArray());
    HttpResponse<byte[]> standard =
        post("/v1/traces", PROTOBUF, null, traces(span("b")).toByteArray());

    assertThat(traces.statusCode()).isEqualTo(200);
    // Not this receiver's path any more: Jetty answers, not the OTLP route.
    assertThat(standard.statusCode()).isIn(404, 405);
    assertThat(traceSink.items()).isEqualTo(1);
    assertThat(host.served().get(0).paths())
        .containsExactlyInAnyOrder("/traces", "/v2/metrics", "/log/ingest");
  }

  @Test
  void refusesRequestsWith503BeforeStartAndAfterShutdown() throws Exception {
    receiver = create(allSignals(traceSink));
    jetty = new JettyServer(host.served().get(0));
    byte[] body = traces(span("a")).toByteArray();

    HttpResponse<byte[]> early = post("/v1/traces", PROTOBUF, null, body);
    receiver.start();
    HttpResponse<byte[]> running = post("/v1/traces", PROTOBUF, null, body);
    receiver.shutdown();
    HttpResponse<byte[]> late = post("/v1/traces", PROTOBUF, null, body);

    assertThat(List.of(early.statusCode(), running.statusCode(), late.statusCode()))
        .containsExactly(503, 200, 503);
    assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
    // Refused unread, the small body is discarded so that the connection stays usable for the
    // retry.
    assertThat(early.headers().firstValue("Connection")).isEmpty();
    assertThat(running.headers().firstValue("Connection")).isEmpty();
    assertThat(traceSink.items()).isEqualTo(1);
  }

  private void serve(HttpProtocolConfig http, SignalConsumers consumers) throws Exception {
    receiver = create(http, consumers);
    jetty = new JettyServer(host.served().get(0));
    receiver.start();
  }

  /** {@code protocols.http} bound from YAML as config.yml would give it, on this test's port. */
  private HttpProtocolConfig httpConfig(String yaml) throws IOException {
    ConfigErrors errors = new ConfigErrors();
    Optional<HttpProtocolConfig> config =
        new ConfigBinder()
            .bind(
                new ObjectMapper(new YAMLFactory())
                    .readTree(
                        "endpoint: 127.0.0.1:" + port + "\nmax_request_body_size: 64KiB\n" + yaml),
                HttpProtocolConfig.class,
                "http",
                errors);
    assertThat(errors.problems()).isEmpty();
    return config.orElseThrow();
  }

  private void serve(SignalConsumers consumers) throws Exception {
    receiver = create(consumers);
    jetty = new JettyServer(host.served().get(0));
    receiver.start();
  }

  private Receiver create(SignalConsumers consumers) {
    return create(new HttpProtocolConfig(new Endpoint("127.0.0.1", port), LIMIT), consumers);
  }

  private Receiver create(HttpProtocolConfig http, SignalConsumers consumers) {
    OtlpReceiverConfig config = new OtlpReceiverConfig(new ProtocolsConfig(null, http));
    return new OtlpReceiverFactory()
        .create(
            new ComponentSettings(
                ComponentId.parse("otlp"),
                meters,
                Clock.systemUTC(),
                host,
                Duration.ofSeconds(5),
                budget),
            config,
            consumers);
  }

  private SignalConsumers allSignals(Consumer<ExportTraceServiceRequest> traces) {
    return new SignalConsumers(Optional.of(traces), Optional.of(metricSink), Optional.of(logSink));
  }

  private HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body)
      throws IOException, InterruptedException {
    return send(path, contentType, encoding, BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<byte[]> send(
      String path, String contentType, String encoding, BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(body);
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return client.send(request.build(), BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private double counter(String verb, String items) {
    return meters
        .get("tailgate.receiver." + verb + "." + items)
        .tag("receiver", "otlp")
        .tag("transport", "http")
        .counter()
        .count();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] deflate(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
      deflater.write(bytes);
    }
    return out.toByteArray();
  }
}
