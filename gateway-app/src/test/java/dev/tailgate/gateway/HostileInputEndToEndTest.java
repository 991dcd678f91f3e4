package dev.tailgate.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import dev.tailgate.pipeline.wire.WireScanner;
import dev.tailgate.receiver.otlp.OtlpJson;
import io.grpc.CallOptions;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Hostile input through the repository's default config.yml (memory_limiter, redaction with its
 * default patterns, batch), its exporter pointed at an in-test OTLP backend. The project's rule:
 * every request gets 2xx, and then every span it did not reject in partial_success arrives at the
 * backend, or 400 with a google.rpc.Status in the request's own encoding (gRPC: INVALID_ARGUMENT),
 * and then none of it arrives; never a 5xx, an HTML page or a hang; the gateway stays healthy.
 *
 * <p>The default config has no tail_sampling in its traces pipeline (it is commented out); every
 * span sent here has status ERROR anyway, which the commented-out block's errors policy keeps, so
 * "delivered" holds should it be enabled (the delivery deadline is longer than its decision_wait).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputEndToEndTest {
  private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(30);
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);
  private static final int HTTP_BODY_LIMIT = 20 * 1024 * 1024; // max_request_body_size: 20MiB
  private static final int GRPC_MESSAGE_LIMIT = 16 * 1024 * 1024; // max_recv_msg_size_mib: 16
  private static final int DOCUMENTED_DEPTH = WireScanner.MAX_VALUE_DEPTH;

  /** The AnyValue depth OTLP/JSON is guaranteed to take (README, "Limits"). */
  private static final int DOCUMENTED_JSON_DEPTH = 32;

  private static final HexFormat HEX = HexFormat.of();
  private static final OtlpJson OTLP_JSON = new OtlpJson();
  private static final AtomicLong TRACES = new AtomicLong();

  static OtlpBackend backend;
  static GatewayUnderTest gateway;
  static ManagedChannel channel;
  static final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  static final Delivered delivered = new Delivered();

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(RedactionEndToEndTest.defaultConfigForTest(), backend.port()).start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  /** After every hostile request the next well-formed one is served, over HTTP and gRPC. */
  @AfterEach
  void aWellFormedRequestIsStillServed() throws Exception {
    byte[] traceId = nextTraceId();
    byte[] body = request(span(traceId, 0, "still-alive")).toByteArray();
    assertThat(post(Encoding.PROTOBUF.contentType, null, body).status()).isEqualTo(200);
    assertThat(overGrpc(channel, body, CallOptions.DEFAULT).accepted()).isTrue();
  }

  // ---------------------------------------------------------------- the table of hostile requests

  enum Expect {
    /** 2xx, and every span not rejected in partial_success arrives. */
    DELIVERED,
    /** 400 with an OTLP Status (gRPC INVALID_ARGUMENT), and nothing of it arrives. */
    REFUSED,
    /** Either of the two, wholly: where OTLP does not say which (JSON oddities, trailing bytes). */
    DELIVERED_OR_REFUSED
  }

  enum Transport {
    HTTP_PROTOBUF,
    HTTP_JSON,
    GRPC
  }

  /** A request body for a trace id; each run of a case gets a trace id of its own. */
  @FunctionalInterface
  interface Body {
    byte[] of(byte[] traceId) throws Exception;
  }

  /** What the delivered spans of an accepted request must show beyond their number. */
  @FunctionalInterface
  interface SpanCheck {
    void verify(List<Span> spans);
  }

  /**
   * One hostile request: its protobuf form (sent over HTTP and gRPC) and/or its JSON form, what
   * must become of it, and, when accepted, how many spans arrive and how many are rejected.
   */
  record Hostile(
      String name,
      Expect expect,
      int spans,
      int rejected,
      Body protobuf,
      Body json,
      SpanCheck check) {
    Hostile verifying(SpanCheck check) {
      return new Hostile(name, expect, spans, rejected, protobuf, json, check);
    }

    Hostile rejecting(int rejected) {
      return new Hostile(name, expect, spans, rejected, protobuf, json, check);
    }

    Stream<Arguments> runs() {
      List<Arguments> runs = new ArrayList<>();
      if (protobuf != null) {
        runs.add(Arguments.of(this, Transport.HTTP_PROTOBUF));
        runs.add(Arguments.of(this, Transport.GRPC));
      }
      if (json != null) {
        runs.add(Arguments.of(this, Transport.HTTP_JSON));
      }
      return runs.stream();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Hostile both(
      String name, Expect expect, int spans, Function<byte[], ExportTraceServiceRequest> request) {
    return new Hostile(
        name,
        expect,
        spans,
        0,
        id -> request.apply(id).toByteArray(),
        id -> OTLP_JSON.print(request.apply(id)),
        null);
  }

  static Hostile both(String name, Expect expect, int spans, Body protobuf, Body json) {
    return new Hostile(name, expect, spans, 0, protobuf, json, null);
  }

  static Hostile protobuf(String name, Expect expect, int spans, Body protobuf) {
    return new Hostile(name, expect, spans, 0, protobuf, null, null);
  }

  static Hostile json(String name, Expect expect, int spans, Body json) {
    return new Hostile(name, expect, spans, 0, null, json, null);
  }

  static Stream<Arguments> hostileRequests() {
    return Stream.of(
            longValues(),
            deepNesting(),
            invalidUtf8(),
            hugeCounts(),
            malformedProtobuf(),
            malformedJson())
        .flatMap(List::stream)
        .flatMap(Hostile::runs);
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("hostileRequests")
  void aHostileRequestIsAcceptedAndDeliveredOrRefusedWithAnOtlpStatus(
      Hostile hostile, Transport transport) throws Exception {
    byte[] traceId = nextTraceId();
    byte[] body =
        (transport == Transport.HTTP_JSON ? hostile.json() : hostile.protobuf()).of(traceId);

    Answer answer =
        switch (transport) {
          case HTTP_PROTOBUF -> overHttp(Encoding.PROTOBUF, null, body);
          case HTTP_JSON -> overHttp(Encoding.JSON, null, body);
          case GRPC -> overGrpc(channel, body, CallOptions.DEFAULT);
        };

    assertOutcome(hostile, answer, traceId);
  }

  // ---- long values, through the default redaction patterns

  static List<Hostile> longValues() {
    String email = "a@b" + ".c".repeat(50_000);
    String digits = "4".repeat(100_000);
    String cards = "4111 1111 1111 1111 ".repeat(5_000);
    String phones = "+1 (555) 123-4567, ".repeat(5_000);
    String dashedDigits = "1234-5678-".repeat(10_000);
    List<Hostile> cases = new ArrayList<>();
    cases.add(
        withValue("an e-mail-like value of 50,000 labels", email)
            .verifying(spans -> assertThat(stringAttribute(spans.get(0), "v")).isEqualTo("****")));
    cases.add(
        withValue("an e-mail-like value with 25,000 @ signs", "a@".repeat(25_000) + "b.c")
            .verifying(
                spans -> assertThat(stringAttribute(spans.get(0), "v")).doesNotContain("a@b.c")));
    cases.add(unchanged("100,000 digits", digits));
    cases.add(
        withValue("a card number repeated 5,000 times", cards)
            .verifying(
                spans ->
                    assertThat(stringAttribute(spans.get(0), "v"))
                        .doesNotContain("4111 1111 1111 1111")));
    cases.add(unchanged("a phone number repeated 5,000 times", phones));
    cases.add(
        withValue("digits and dashes for 100,000 characters", dashedDigits)
            .verifying(spans -> assertThat(stringAttribute(spans.get(0), "v")).isNotEmpty()));
    for (String run : List.of("=", ":", "\"", "'", "\\", " ", "@", ".")) {
      cases.add(unchanged("100,000 of " + run, run.repeat(100_000)));
    }
    cases.add(unchanged("a bearer scheme followed by 100,000 =", "Bearer " + "=".repeat(100_000)));
    cases.add(
        withValue(
                "a bearer token of 100,000 characters",
                "Bearer " + "a".repeat(100_000) + "=".repeat(1000))
            .verifying(
                spans -> assertThat(stringAttribute(spans.get(0), "v")).isEqualTo("Bearer ****")));
    cases.add(
        withValue(
                "a JWT-like value of 100,000 characters",
                "eyJ" + "a".repeat(50_000) + "." + "b".repeat(50_000) + ".")
            .verifying(spans -> assertThat(stringAttribute(spans.get(0), "v")).isEqualTo("****")));
    cases.add(unchanged("eyJ repeated 30,000 times", "eyJ".repeat(30_000)));
    cases.add(unchanged("AKIA repeated 25,000 times", "AKIA".repeat(25_000)));
    cases.add(unchanged("Bearer repeated 15,000 times", "Bearer ".repeat(15_000)));
    cases.add(
        both(
                "an attribute key of 100,000 characters ending in password",
                Expect.DELIVERED,
                1,
                id ->
                    request(
                        span(id, 0, "long-key")
                            .addAttributes(attribute("x".repeat(100_000) + "password", "hunter2"))))
            .verifying(
                spans ->
                    assertThat(stringAttribute(spans.get(0), "x".repeat(100_000) + "password"))
                        .isEqualTo("****")));
    cases.add(
        both(
                "a span name of 1 MiB",
                Expect.DELIVERED,
                1,
                id -> request(span(id, 0, "n".repeat(1 << 20))))
            .verifying(spans -> assertThat(spans.get(0).getName()).hasSize(1 << 20)));
    return cases;
  }

  static Hostile withValue(String name, String value) {
    return both(
        name,
        Expect.DELIVERED,
        1,
        id -> request(span(id, 0, "long-value").addAttributes(attribute("v", value))));
  }

  static Hostile unchanged(String name, String value) {
    return withValue(name, value)
        .verifying(spans -> assertThat(stringAttribute(spans.get(0), "v")).isEqualTo(value));
  }

  // ---- deep nesting, written by hand (protobuf-java can neither build nor encode the deepest)

  static List<Hostile> deepNesting() {
    List<Hostile> cases = new ArrayList<>();
    for (boolean kvlist : new boolean[] {true, false}) {
      String kind = kvlist ? "kvlist" : "array";
      String leaf = "reach me at jane@example.com";
      for (int depth : new int[] {DOCUMENTED_DEPTH, DOCUMENTED_DEPTH + 1, 100, 1_000, 100_000}) {
        Expect expect = depth <= DOCUMENTED_DEPTH ? Expect.DELIVERED : Expect.REFUSED;
        cases.add(
            deep(
                protobuf(
                    "an " + kind + " value nested " + depth + " levels",
                    expect,
                    1,
                    id -> deepProtobuf(id, depth, kvlist, leaf)),
                depth));
      }
      // OTLP/JSON is parsed by protobuf-java-util, which stops at 100 nested messages: the depth
      // it guarantees is DOCUMENTED_JSON_DEPTH, and up to the wire limit a value may go either way.
      for (int depth :
          new int[] {
            DOCUMENTED_JSON_DEPTH, DOCUMENTED_DEPTH, DOCUMENTED_DEPTH + 1, 100, 1_000, 100_000
          }) {
        Expect expect =
            depth <= DOCUMENTED_JSON_DEPTH
                ? Expect.DELIVERED
                : depth <= DOCUMENTED_DEPTH ? Expect.DELIVERED_OR_REFUSED : Expect.REFUSED;
        cases.add(
            deep(
                json(
                    "an " + kind + " value nested " + depth + " levels",
                    expect,
                    1,
                    id -> deepJson(id, depth, kvlist, leaf)),
                depth));
      }
    }
    cases.add(
        json(
            "arrays nested 100,000 levels under an unknown key",
            Expect.REFUSED,
            1,
            id -> spanJson(id, ",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000))));
    cases.add(
        json(
            "arrays nested 100,000 levels as the attributes",
            Expect.REFUSED,
            1,
            id -> spanJson(id, ",\"attributes\":" + "[".repeat(100_000) + "]".repeat(100_000))));
    cases.add(
        json(
            "objects nested 100,000 levels under an unknown key",
            Expect.REFUSED,
            1,
            id -> spanJson(id, ",\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000))));
    cases.add(
        json(
            "an unclosed array nested 100,000 levels",
            Expect.REFUSED,
            1,
            id -> spanJson(id, ",\"x\":" + "[".repeat(100_000))));
    return cases;
  }

  /** When delivered: redaction recursed into the value to mask the address at its bottom. */
  static Hostile deep(Hostile hostile, int depth) {
    if (hostile.expect() != Expect.DELIVERED) {
      return hostile;
    }
    return hostile.verifying(
        spans -> {
          AnyValue value = attribute(spans.get(0), "deep");
          assertThat(depthOf(value)).isEqualTo(depth);
          assertThat(leafOf(value)).isEqualTo("reach me at ****");
        });
  }

  /**
   * A span whose attribute "deep" is {@code depth} AnyValues nested (the attribute value is depth
   * 1).
   */
  static byte[] deepProtobuf(byte[] traceId, int depth, boolean kvlist, String leaf) {
    Backwards out = new Backwards();
    out.prependField(1, leaf.getBytes(UTF_8)); // AnyValue.string_value
    for (int level = 1; level < depth; level++) {
      if (kvlist) {
        out.wrap(2); // KeyValue.value
        out.prependField(1, "k".getBytes(UTF_8)); // KeyValue.key
        out.wrap(1); // KeyValueList.values
        out.wrap(6); // AnyValue.kvlist_value
      } else {
        out.wrap(1); // ArrayValue.values
        out.wrap(5); // AnyValue.array_value
      }
    }
    out.wrap(2);
    out.prependField(1, "deep".getBytes(UTF_8));
    out.wrap(9); // Span.attributes
    out.prepend(span(traceId, 0, "deep-" + depth).build().toByteArray());
    out.wrap(2); // ScopeSpans.spans
    out.wrap(2); // ResourceSpans.scope_spans
    out.wrap(1); // ExportTraceServiceRequest.resource_spans
    return out.toByteArray();
  }

  static byte[] deepJson(byte[] traceId, int depth, boolean kvlist, String leaf) {
    StringBuilder value = new StringBuilder();
    String open =
        kvlist
            ? "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":"
            : "{\"arrayValue\":{\"values\":[";
    String close = kvlist ? "}]}}" : "]}}";
    value
        .append(open.repeat(depth - 1))
        .append("{\"stringValue\":\"")
        .append(leaf)
        .append("\"}")
        .append(close.repeat(depth - 1));
    String placeholder = "{\"stringValue\":\"@@deep@@\"}";
    String json =
        new String(
            OTLP_JSON.print(
                request(
                    span(traceId, 0, "deep-" + depth)
                        .addAttributes(attribute("deep", "@@deep@@")))),
            UTF_8);
    assertThat(json).contains(placeholder);
    return json.replace(placeholder, value).getBytes(UTF_8);
  }

  static int depthOf(AnyValue value) {
    int depth = 1;
    while (value.hasKvlistValue() || value.hasArrayValue()) {
      value =
          value.hasKvlistValue()
              ? value.getKvlistValue().getValues(0).getValue()
              : value.getArrayValue().getValues(0);
      depth++;
    }
    return depth;
  }

  static String leafOf(AnyValue value) {
    while (value.hasKvlistValue() || value.hasArrayValue()) {
      value =
          value.hasKvlistValue()
              ? value.getKvlistValue().getValues(0).getValue()
              : value.getArrayValue().getValues(0);
    }
    return value.getStringValue();
  }

  // ---- invalid UTF-8 (protobuf) and unpaired surrogates (JSON)

  static List<Hostile> invalidUtf8() {
    byte[] ff = bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    byte[] truncated = bytes(0xe2, 0x82, 'x', 'x', 'x', 'x', 'x', 'x');
    byte[] overlong = bytes(0xc0, 0xaf, 'x', 'x', 'x', 'x', 'x', 'x');
    byte[] surrogate = bytes(0xed, 0xa0, 0x80, 'x', 'x', 'x', 'x', 'x');
    byte[] endsMidSequence = bytes('x', 'x', 'x', 'x', 'x', 'x', 'x', 0xf0);
    List<Hostile> cases = new ArrayList<>();
    cases.add(
        invalid(
            "0xFF bytes in an attribute key",
            ff,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("MARKER01", "v")))));
    cases.add(
        invalid(
            "0xFF bytes in an attribute value",
            ff,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("k", "MARKER01")))));
    cases.add(
        invalid("0xFF bytes in the span name", ff, id -> request(span(id, 0, "MARKER01")))
            .verifying(spans -> assertThat(spans.get(0).getName()).contains("\uFFFD")));
    cases.add(
        invalid(
            "0xFF bytes in a resource attribute",
            ff,
            id ->
                request(
                    Resource.newBuilder()
                        .addAttributes(attribute("service.name", "MARKER01"))
                        .build(),
                    span(id, 0, "utf8"))));
    cases.add(
        invalid(
            "0xFF bytes in the scope name",
            ff,
            id ->
                ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(
                        ResourceSpans.newBuilder()
                            .addScopeSpans(
                                ScopeSpans.newBuilder()
                                    .setScope(InstrumentationScope.newBuilder().setName("MARKER01"))
                                    .addSpans(span(id, 0, "utf8"))))
                    .build()));
    cases.add(
        invalid(
            "0xFF bytes in an event name",
            ff,
            id ->
                request(
                    span(id, 0, "utf8")
                        .addEvents(
                            Span.Event.newBuilder()
                                .setName("MARKER01")
                                .addAttributes(attribute("k", "v"))))));
    cases.add(
        invalid(
            "a truncated 3-byte sequence in a value",
            truncated,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("k", "MARKER01")))));
    cases.add(
        invalid(
            "an overlong encoding in a value",
            overlong,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("k", "MARKER01")))));
    cases.add(
        invalid(
            "a UTF-8-encoded surrogate in a key",
            surrogate,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("MARKER01", "v")))));
    cases.add(
        invalid(
            "a value ending in the middle of a sequence",
            endsMidSequence,
            id -> request(span(id, 0, "utf8").addAttributes(attribute("k", "MARKER01")))));
    // Redaction parses this span (an address to mask): it must read the invalid key leniently.
    cases.add(
        invalid(
                "0xFF bytes in a key beside an e-mail address redaction masks",
                ff,
                id ->
                    request(
                        span(id, 0, "utf8")
                            .addAttributes(attribute("MARKER01", "v"))
                            .addAttributes(attribute("mail", "write to jane@example.com"))))
            .verifying(
                spans ->
                    assertThat(stringAttribute(spans.get(0), "mail")).isEqualTo("write to ****")));
    cases.add(
        invalid(
                "0xFF bytes in a nested key beside a password key",
                ff,
                id ->
                    request(
                        span(id, 0, "utf8")
                            .addAttributes(
                                KeyValue.newBuilder()
                                    .setKey("map")
                                    .setValue(
                                        AnyValue.newBuilder()
                                            .setKvlistValue(
                                                io.opentelemetry.proto.common.v1.KeyValueList
                                                    .newBuilder()
                                                    .addValues(attribute("MARKER01", "v"))
                                                    .addValues(
                                                        attribute("db.password", "hunter2")))))))
            .verifying(
                spans ->
                    assertThat(attribute(spans.get(0), "map").toString())
                        .doesNotContain("hunter2")));

    for (String escape :
        List.of("\\ud800", "\\udc00", "\\ud800\\ud800", "\\udfff\\ud800", "x\\ud800y")) {
      cases.add(
          json(
              "the unpaired surrogate escape " + escape + " in a value",
              Expect.DELIVERED_OR_REFUSED,
              1,
              id ->
                  spanJson(
                      id,
                      ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\""
                          + escape
                          + "\"}}]")));
    }
    cases.add(
        json(
            "an unpaired surrogate escape in a key",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id ->
                spanJson(
                    id,
                    ",\"attributes\":[{\"key\":\"\\ud800\",\"value\":{\"stringValue\":\"v\"}}]")));
    cases.add(
        json(
            "an unpaired surrogate escape in the span name",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> spanJson(id, "", "\\udbff")));
    cases.add(
        json(
                "a surrogate pair escape",
                Expect.DELIVERED,
                1,
                id ->
                    spanJson(
                        id,
                        ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"\\ud83d\\ude00\"}}]"))
            .verifying(
                spans -> assertThat(stringAttribute(spans.get(0), "k")).isEqualTo("\uD83D\uDE00")));
    cases.add(
        json(
            "raw 0xFF bytes inside a JSON string",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id ->
                replaceMarker(
                    spanJson(
                        id,
                        ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"MARKER01\"}}]"),
                    ff)));
    cases.add(
        json(
            "an encoded surrogate inside a JSON string",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id ->
                replaceMarker(
                    spanJson(
                        id,
                        ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"MARKER01\"}}]"),
                    surrogate)));
    return cases;
  }

  /**
   * Over protobuf: the marker's bytes in the encoding are overwritten, every length prefix kept.
   */
  static Hostile invalid(
      String name, byte[] replacement, Function<byte[], ExportTraceServiceRequest> request) {
    return protobuf(
        name,
        Expect.DELIVERED,
        1,
        id -> replaceMarker(request.apply(id).toByteArray(), replacement));
  }

  // ---- huge counts

  static List<Hostile> hugeCounts() {
    List<Hostile> cases = new ArrayList<>();
    cases.add(
        both(
                "100,000 attributes on one span",
                Expect.DELIVERED,
                1,
                id -> {
                  Span.Builder span = span(id, 0, "wide");
                  for (int i = 0; i < 100_000; i++) {
                    span.addAttributes(attribute("k" + i, "v" + i));
                  }
                  return request(span);
                })
            .verifying(spans -> assertThat(spans.get(0).getAttributesCount()).isEqualTo(100_000)));
    cases.add(
        both(
            "50,000 spans with one attribute each",
            Expect.DELIVERED,
            50_000,
            id ->
                request(
                    IntStream.range(0, 50_000)
                        .mapToObj(i -> span(id, i, "many").addAttributes(attribute("i", "v" + i)))
                        .toArray(Span.Builder[]::new))));
    cases.add(
        both(
            "10,000 resources of one span each",
            Expect.DELIVERED,
            10_000,
            id -> {
              ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
              for (int i = 0; i < 10_000; i++) {
                request.addResourceSpans(
                    ResourceSpans.newBuilder()
                        .setResource(
                            Resource.newBuilder().addAttributes(attribute("service.name", "s" + i)))
                        .addScopeSpans(
                            ScopeSpans.newBuilder().addSpans(span(id, i, "resource-" + i))));
              }
              return request.build();
            }));
    cases.add(
        both(
            "10,000 scopes of one span each",
            Expect.DELIVERED,
            10_000,
            id -> {
              ResourceSpans.Builder resource = ResourceSpans.newBuilder();
              for (int i = 0; i < 10_000; i++) {
                resource.addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("scope-" + i))
                        .addSpans(span(id, i, "scope-" + i)));
              }
              return ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build();
            }));
    cases.add(
        both(
            "10,000 empty resources beside one span",
            Expect.DELIVERED,
            1,
            id -> {
              ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
              for (int i = 0; i < 10_000; i++) {
                request.addResourceSpans(ResourceSpans.getDefaultInstance());
              }
              return request
                  .addResourceSpans(
                      ResourceSpans.newBuilder()
                          .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(id, 0, "lonely"))))
                  .build();
            }));
    cases.add(
        both(
                "20,000 events on one span",
                Expect.DELIVERED,
                1,
                id -> {
                  Span.Builder span = span(id, 0, "eventful");
                  for (int i = 0; i < 20_000; i++) {
                    span.addEvents(
                        Span.Event.newBuilder()
                            .setName("e" + i)
                            .addAttributes(attribute("k", "v")));
                  }
                  return request(span);
                })
            .verifying(spans -> assertThat(spans.get(0).getEventsCount()).isEqualTo(20_000)));
    return cases;
  }

  // ---- malformed protobuf

  static List<Hostile> malformedProtobuf() {
    List<Hostile> cases = new ArrayList<>();
    Body valid = id -> request(span(id, 0, "wire")).toByteArray();
    cases.add(
        protobuf("a request truncated by one byte", Expect.REFUSED, 1, id -> cut(valid.of(id), 1)));
    cases.add(
        protobuf(
            "a request truncated in the middle",
            Expect.REFUSED,
            1,
            id -> Arrays.copyOf(valid.of(id), valid.of(id).length / 2)));
    cases.add(
        protobuf(
            "a request ending inside a tag",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), bytes(0x80))));
    cases.add(
        protobuf(
            "a request ending after a length prefix",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2))));
    cases.add(protobuf("an empty request", Expect.DELIVERED, 0, id -> new byte[0]));

    // Wrong wire types: a known field with another wire type is an unknown field in protobuf.
    cases.add(
        protobuf(
            "resource_spans as a varint beside a valid one",
            Expect.DELIVERED,
            1,
            id -> cat(tag(1, 0), varint(5), valid.of(id))));
    cases.add(
        protobuf(
            "span attributes as fixed32",
            Expect.DELIVERED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(9, 5), bytes(1, 2, 3, 4)))));
    cases.add(
        protobuf(
                "a trace id as a varint beside a valid span",
                Expect.DELIVERED,
                1,
                id ->
                    requestWithSpans(
                        spanBytes(id, 0),
                        cat(
                            field(2, spanId(1)),
                            field(5, "bad".getBytes(UTF_8)),
                            tag(1, 0),
                            varint(7))))
            .rejecting(1));
    cases.add(
        protobuf(
            "a group in a span",
            Expect.REFUSED,
            1,
            id ->
                requestWithSpan(
                    cat(spanBytes(id, 0), tag(20, 3), tag(21, 0), varint(1), tag(20, 4)))));
    cases.add(
        protobuf(
            "an end-group tag without a start",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(20, 4)))));
    cases.add(
        protobuf(
            "wire type 6",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(20, 6), bytes(1)))));
    cases.add(
        protobuf(
            "wire type 7",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(20, 7), bytes(1)))));

    // Lengths beyond the buffer.
    cases.add(
        protobuf(
            "a length beyond the end of the body",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2), varint(1000), new byte[10])));
    cases.add(
        protobuf(
            "an attribute length beyond its span",
            Expect.REFUSED,
            1,
            id ->
                requestWithSpan(
                    cat(spanBytes(id, 0), tag(9, 2), varint(200), field(1, "k".getBytes(UTF_8))))));
    cases.add(
        protobuf(
            "a fixed64 cut short at the end of a span",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(7, 1), bytes(1, 2, 3)))));
    cases.add(
        protobuf(
            "a length of 2^31-1",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2), varint(Integer.MAX_VALUE))));
    cases.add(
        protobuf(
            "a length of 2^32-1",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2), varint(0xFFFFFFFFL))));
    cases.add(
        protobuf(
            "a length of -1 as ten bytes",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2), varint(-1L), new byte[16])));
    // The scanner does not look inside Span.status; a length inside it that reaches past it.
    cases.add(
        protobuf(
            "a status whose message length reaches past it",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id ->
                requestWithSpan(
                    cat(
                        spanWithoutStatus(id),
                        field(15, cat(tag(2, 2), varint(50), "short".getBytes(UTF_8)))))));
    cases.add(
        protobuf(
            "an event whose name length reaches past it",
            Expect.REFUSED,
            1,
            id ->
                requestWithSpan(
                    cat(
                        spanBytes(id, 0),
                        field(11, cat(tag(2, 2), varint(50), "short".getBytes(UTF_8)))))));

    // Varints.
    byte[] elevenBytes = cat(repeat((byte) 0x80, 10), bytes(0x01));
    cases.add(
        protobuf(
            "an 11-byte varint as a length",
            Expect.REFUSED,
            1,
            id -> cat(valid.of(id), tag(1, 2), elevenBytes)));
    cases.add(
        protobuf(
            "an 11-byte varint as the span kind",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(6, 0), elevenBytes))));
    cases.add(
        protobuf(
            "an 11-byte varint as a tag", Expect.REFUSED, 1, id -> cat(valid.of(id), elevenBytes)));
    cases.add(
        protobuf(
            "a 10-byte varint, the longest legal one, as the span kind",
            Expect.DELIVERED,
            1,
            id ->
                requestWithSpan(
                    cat(spanBytes(id, 0), tag(6, 0), repeat((byte) 0xff, 9), bytes(0x01)))));

    // Unknown fields and field numbers.
    int largest = (1 << 29) - 1;
    SpanCheck unknownKept =
        spans ->
            assertThat(spans.get(0).getUnknownFields().asMap())
                .containsKeys(100, 1000, 12345, largest);
    Body unknownEverywhere =
        id ->
            cat(
                field(
                    1,
                    cat(
                        tag(50, 0),
                        varint(1),
                        field(
                            2,
                            cat(
                                tag(50, 5),
                                bytes(1, 2, 3, 4),
                                field(
                                    2,
                                    cat(
                                        spanBytes(id, 0),
                                        field(100, "unknown".getBytes(UTF_8)),
                                        tag(1000, 0),
                                        varint(42),
                                        tag(12345, 5),
                                        bytes(1, 2, 3, 4),
                                        tag(largest, 1),
                                        new byte[8])))))),
                field(99, "top".getBytes(UTF_8)));
    cases.add(
        protobuf("unknown fields at every level", Expect.DELIVERED, 1, unknownEverywhere)
            .verifying(unknownKept));
    cases.add(
        protobuf(
                "unknown fields in a span redaction rewrites",
                Expect.DELIVERED,
                1,
                id ->
                    requestWithSpan(
                        cat(
                            spanBytes(id, 0),
                            field(9, attribute("mail", "jane@example.com").toByteArray()),
                            field(100, "unknown".getBytes(UTF_8)),
                            tag(1000, 0),
                            varint(42),
                            tag(12345, 5),
                            bytes(1, 2, 3, 4),
                            tag(largest, 2),
                            varint(1),
                            bytes('x'))))
            .verifying(
                spans -> {
                  unknownKept.verify(spans);
                  assertThat(stringAttribute(spans.get(0), "mail")).isEqualTo("****");
                }));
    cases.add(
        protobuf(
            "field number 0 in a span",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), tag(0, 0), varint(1)))));
    cases.add(
        protobuf(
            "field number 0 at the top",
            Expect.REFUSED,
            1,
            id -> cat(tag(0, 2), varint(0), valid.of(id))));
    cases.add(
        protobuf(
            "field number 2^29, one past the largest",
            Expect.REFUSED,
            1,
            id -> requestWithSpan(cat(spanBytes(id, 0), varint(1L << 32), varint(1)))));
    return cases;
  }

  // ---- malformed JSON

  static List<Hostile> malformedJson() {
    List<Hostile> cases = new ArrayList<>();
    cases.add(
        json(
            "JSON truncated in the middle",
            Expect.REFUSED,
            1,
            id -> {
              byte[] b = spanJson(id, "");
              return Arrays.copyOf(b, b.length / 2);
            }));
    cases.add(
        json("JSON truncated by one character", Expect.REFUSED, 1, id -> cut(spanJson(id, ""), 1)));
    cases.add(json("an empty JSON body", Expect.REFUSED, 0, id -> new byte[0]));
    cases.add(json("JSON null", Expect.REFUSED, 0, id -> "null".getBytes(UTF_8)));
    cases.add(json("a JSON array at the top", Expect.REFUSED, 0, id -> "[]".getBytes(UTF_8)));
    cases.add(json("an empty JSON object", Expect.DELIVERED, 0, id -> "{}".getBytes(UTF_8)));
    cases.add(
        json(
            "resourceSpans as a string",
            Expect.REFUSED,
            0,
            id -> "{\"resourceSpans\":\"x\"}".getBytes(UTF_8)));
    cases.add(
        json(
            "spans as an object",
            Expect.REFUSED,
            0,
            id -> "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":{}}]}]}".getBytes(UTF_8)));
    // Wrong types.
    for (String extra :
        List.of(
            ",\"droppedAttributesCount\":\"many\"",
            ",\"startTimeUnixNano\":\"soon\"",
            ",\"startTimeUnixNano\":-1",
            ",\"startTimeUnixNano\":1.5",
            ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"12abc\"}}]",
            ",\"attributes\":[{\"key\":\"k\",\"value\":{\"boolValue\":\"yes\"}}]",
            ",\"attributes\":{\"key\":\"k\"}",
            ",\"attributes\":[{\"key\":{},\"value\":{\"stringValue\":\"v\"}}]",
            ",\"status\":[]")) {
      cases.add(
          json(
              "the wrong type: " + extra.substring(1),
              Expect.REFUSED,
              1,
              id -> spanJson(id, extra)));
    }
    cases.add(
        json(
                "a span kind by its enum name",
                Expect.DELIVERED,
                1,
                id -> spanJson(id, ",\"kind\":\"SPAN_KIND_SERVER\""))
            .verifying(
                spans ->
                    assertThat(spans.get(0).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER)));
    cases.add(
        json(
            "an unknown span kind name",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> spanJson(id, ",\"kind\":\"SPAN_KIND_NOPE\"")));
    cases.add(
        json(
            "a number where a string is expected",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> spanJson(id, ",\"traceState\":123")));
    cases.add(
        json(
                "a number for a trace id beside a valid span",
                Expect.DELIVERED_OR_REFUSED,
                1,
                id ->
                    twoSpansJson(
                        id, "{\"traceId\":12345,\"spanId\":\"0000000000000002\",\"name\":\"bad\"}"))
            .rejecting(1));
    cases.add(
        json(
            "a trace id that is not hex",
            Expect.REFUSED,
            1,
            id ->
                twoSpansJson(
                    id,
                    "{\"traceId\":\"zz02030405060708090a0b0c0d0e0f10\",\"spanId\":\"0000000000000002\"}")));
    cases.add(
        json(
                "a two-byte trace id beside a valid span",
                Expect.DELIVERED,
                1,
                id -> twoSpansJson(id, "{\"traceId\":\"0102\",\"spanId\":\"0000000000000002\"}"))
            .rejecting(1));
    // Huge numbers.
    for (String extra :
        List.of(
            ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"9223372036854775808\"}}]",
            ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":1e400}}]",
            ",\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\""
                + "9".repeat(100_000)
                + "\"}}]",
            ",\"startTimeUnixNano\":\"1e999999999\"",
            ",\"startTimeUnixNano\":" + "9".repeat(100_000),
            ",\"droppedAttributesCount\":4294967296",
            ",\"status\":{\"code\":99999999999}")) {
      cases.add(
          json(
              "a huge number: " + abbreviate(extra.substring(1)),
              Expect.REFUSED,
              1,
              id -> spanJson(id, extra)));
    }
    cases.add(
        json(
            "a double beyond the double range",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id ->
                spanJson(
                    id, ",\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":1e400}}]")));
    cases.add(
        json(
            "a double of 100,000 digits",
            Expect.REFUSED,
            1,
            id ->
                spanJson(
                    id,
                    ",\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":"
                        + "1".repeat(100_000)
                        + "}}]")));
    // NaN and Infinity: JSON has no such tokens; protobuf's JSON mapping spells them as strings.
    for (String token : List.of("NaN", "Infinity", "-Infinity")) {
      cases.add(
          json(
              "the bare token " + token,
              Expect.REFUSED,
              1,
              id ->
                  spanJson(
                      id,
                      ",\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":"
                          + token
                          + "}}]")));
      cases.add(
          json(
                  "the string \"" + token + "\" as a double",
                  Expect.DELIVERED,
                  1,
                  id ->
                      spanJson(
                          id,
                          ",\"attributes\":[{\"key\":\"k\",\"value\":{\"doubleValue\":\""
                              + token
                              + "\"}}]"))
              .verifying(
                  spans ->
                      assertThat(Double.toString(attribute(spans.get(0), "k").getDoubleValue()))
                          .isEqualTo(token)));
    }
    // Duplicate keys, BOM, comments, trailing content.
    cases.add(
        json(
            "a duplicate key in a span",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> spanJson(id, ",\"name\":\"second\"")));
    cases.add(
        json(
            "a duplicate resourceSpans key",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> {
              String one = new String(spanJson(id, ""), UTF_8);
              return ("{\"resourceSpans\":[]," + one.substring(1)).getBytes(UTF_8);
            }));
    cases.add(
        json(
            "a byte order mark before the JSON",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> cat(bytes(0xef, 0xbb, 0xbf), spanJson(id, ""))));
    cases.add(
        json(
            "a block comment",
            Expect.REFUSED,
            1,
            id -> cat("/* c */".getBytes(UTF_8), spanJson(id, ""))));
    cases.add(
        json(
            "a line comment",
            Expect.REFUSED,
            1,
            id -> cat("// c\n".getBytes(UTF_8), spanJson(id, ""))));
    cases.add(
        json(
            "single-quoted strings",
            Expect.REFUSED,
            1,
            id -> new String(spanJson(id, ""), UTF_8).replace('"', '\'').getBytes(UTF_8)));
    cases.add(
        json(
            "a raw control character in a string",
            Expect.REFUSED,
            1,
            id ->
                replaceMarker(
                    spanJson(
                        id,
                        ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"MARKER01\"}}]"),
                    bytes(1, 2, 3, 4, 5, 6, 7, 8))));
    cases.add(
        json(
            "garbage after the JSON object",
            Expect.DELIVERED_OR_REFUSED,
            1,
            id -> cat(spanJson(id, ""), " xyz".getBytes(UTF_8))));
    cases.add(
        json(
            "a second JSON object after the first",
            Expect.DELIVERED_OR_REFUSED,
            2,
            id ->
                cat(
                    spanJson(id, ""),
                    new String(spanJson(id, ""), UTF_8)
                        .replace("ab00000000000001", "ab00000000000002")
                        .getBytes(UTF_8))));
    return cases;
  }

  // ---------------------------------------------------------------- compressed bodies (HTTP)

  enum Compression {
    GZIP("gzip", HostileInputEndToEndTest::gzip),
    DEFLATE("deflate", HostileInputEndToEndTest::deflate),
    ZSTD("zstd", Zstd::compress),
    SNAPPY_BLOCK("snappy", HostileInputEndToEndTest::snappyBlock),
    SNAPPY_FRAMED("x-snappy-framed", HostileInputEndToEndTest::snappyFramed);

    final String header;
    final Encoder encoder;

    Compression(String header, Encoder encoder) {
      this.header = header;
      this.encoder = encoder;
    }
  }

  @FunctionalInterface
  interface Encoder {
    byte[] encode(byte[] plain) throws IOException;
  }

  record Compressed(String name, Expect expect, String contentEncoding, Encoder body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> compressedBodies() {
    List<Compressed> cases = new ArrayList<>();
    for (Compression c : Compression.values()) {
      String name = c.header;
      cases.add(new Compressed("a valid " + name + " body", Expect.DELIVERED, c.header, c.encoder));
      cases.add(
          new Compressed(
              "a " + name + " body truncated by a third",
              Expect.REFUSED,
              c.header,
              plain -> {
                byte[] b = c.encoder.encode(plain);
                return Arrays.copyOf(b, b.length * 2 / 3);
              }));
      cases.add(
          new Compressed(
              "a " + name + " body truncated by one byte",
              Expect.REFUSED,
              c.header,
              plain -> cut(c.encoder.encode(plain), 1)));
      cases.add(
          new Compressed(
              "a " + name + " body with garbage after a valid stream",
              Expect.DELIVERED_OR_REFUSED,
              c.header,
              plain -> cat(c.encoder.encode(plain), "garbage!garbage!".getBytes(UTF_8))));
      cases.add(
          new Compressed(
              "random bytes labelled " + name,
              Expect.REFUSED,
              c.header,
              plain ->
                  new java.util.Random(7)
                      .ints(512, 0, 256)
                      .collect(
                          ByteArrayOutputStream::new, ByteArrayOutputStream::write, (x, y) -> {})
                      .toByteArray()));
      cases.add(
          new Compressed(
              "a plain body labelled " + name, Expect.REFUSED, c.header, plain -> plain));
      for (Compression other : Compression.values()) {
        if (other != c && !(c.header.contains("snappy") && other.header.contains("snappy"))) {
          cases.add(
              new Compressed(
                  "a " + other.header + " body labelled " + name,
                  Expect.REFUSED,
                  c.header,
                  other.encoder));
        }
      }
    }
    cases.add(
        new Compressed(
            "a gzip body sent without Content-Encoding",
            Expect.REFUSED,
            null,
            HostileInputEndToEndTest::gzip));
    cases.add(
        new Compressed(
            "a gzip body labelled identity",
            Expect.REFUSED,
            "identity",
            HostileInputEndToEndTest::gzip));
    cases.add(
        new Compressed(
            "two gzip members",
            Expect.DELIVERED,
            "gzip",
            plain ->
                cat(
                    gzip(Arrays.copyOf(plain, plain.length / 2)),
                    gzip(Arrays.copyOfRange(plain, plain.length / 2, plain.length)))));
    cases.add(
        new Compressed(
            "a gzip body with a flipped byte in the middle",
            Expect.REFUSED,
            "gzip",
            plain -> {
              byte[] b = gzip(plain);
              b[b.length / 2] ^= 0x55;
              return b;
            }));
    cases.add(
        new Compressed(
            "a gzip body with a wrong CRC",
            Expect.REFUSED,
            "gzip",
            plain -> {
              byte[] b = gzip(plain);
              b[b.length - 8] ^= 0x01;
              return b;
            }));
    cases.add(
        new Compressed(
            "a raw deflate stream labelled deflate",
            Expect.DELIVERED_OR_REFUSED,
            "deflate",
            HostileInputEndToEndTest::rawDeflate));
    cases.add(
        new Compressed(
            "a body compressed twice, labelled gzip, gzip",
            Expect.REFUSED,
            "gzip, gzip",
            plain -> gzip(gzip(plain))));
    cases.add(new Compressed("a brotli label", Expect.REFUSED, "br", plain -> plain));
    cases.add(
        new Compressed(
            "a Content-Encoding of 4 KiB", Expect.REFUSED, "g".repeat(4096), plain -> plain));
    cases.add(
        new Compressed(
            "a snappy block declaring 4 GiB",
            Expect.REFUSED,
            "snappy",
            plain -> {
              byte[] block = snappyBlock(plain);
              return cat(
                  varint(0xFFFFFFFFL),
                  Arrays.copyOfRange(block, varint(plain.length).length, block.length));
            }));
    cases.add(
        new Compressed(
            "a framed snappy stream with a wrong checksum",
            Expect.REFUSED,
            "x-snappy-framed",
            plain -> {
              byte[] b = snappyFramed(plain);
              b[SNAPPY_STREAM_ID + 4] ^= 0x01;
              return b;
            }));
    return cases.stream()
        .flatMap(
            c -> Stream.of(Arguments.of(c, Encoding.PROTOBUF), Arguments.of(c, Encoding.JSON)));
  }

  private static final int SNAPPY_STREAM_ID = 10;

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("compressedBodies")
  void aHostileCompressedBodyIsDecodedAndDeliveredOrRefusedWithAnOtlpStatus(
      Compressed compressed, Encoding encoding) throws Exception {
    byte[] traceId = nextTraceId();
    byte[] plain =
        encoding.encode(
            request(
                span(traceId, 0, "compressed").addAttributes(attribute("k", "v".repeat(2000)))));

    Answer answer =
        overHttp(encoding, compressed.contentEncoding(), compressed.body().encode(plain));

    assertOutcome(
        new Hostile(compressed.name(), compressed.expect(), 1, 0, null, null, null),
        answer,
        traceId);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grpcCompressedMessages")
  void aHostileCompressedGrpcMessageIsDeliveredOrRefusedWithInvalidArgument(Compressed compressed)
      throws Exception {
    byte[] traceId = nextTraceId();
    byte[] plain =
        request(span(traceId, 0, "compressed").addAttributes(attribute("k", "v".repeat(2000))))
            .toByteArray();
    // The client's compressor of this name writes the hostile bytes; the server decompresses them.
    CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
    registry.register(new HostileCompressor(compressed.contentEncoding(), compressed.body()));
    ManagedChannel compressing =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort)
            .usePlaintext()
            .compressorRegistry(registry)
            .build();
    try {
      Answer answer =
          overGrpc(
              compressing,
              plain,
              CallOptions.DEFAULT.withCompression(compressed.contentEncoding()));

      assertOutcome(
          new Hostile(compressed.name(), compressed.expect(), 1, 0, null, null, null),
          answer,
          traceId);
    } finally {
      compressing.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static Stream<Compressed> grpcCompressedMessages() {
    return Stream.of(
        new Compressed(
            "a valid gzip message", Expect.DELIVERED, "gzip", HostileInputEndToEndTest::gzip),
        new Compressed("a valid zstd message", Expect.DELIVERED, "zstd", Zstd::compress),
        new Compressed(
            "a valid snappy message",
            Expect.DELIVERED,
            "snappy",
            HostileInputEndToEndTest::snappyFramed),
        new Compressed(
            "a truncated gzip message", Expect.REFUSED, "gzip", plain -> cut(gzip(plain), 5)),
        new Compressed("a plain message flagged gzip", Expect.REFUSED, "gzip", plain -> plain),
        new Compressed(
            "a gzip message with garbage after it",
            Expect.DELIVERED_OR_REFUSED,
            "gzip",
            plain -> cat(gzip(plain), "garbage!".getBytes(UTF_8))),
        new Compressed(
            "a truncated zstd message",
            Expect.REFUSED,
            "zstd",
            plain -> cut(Zstd.compress(plain), 5)),
        new Compressed("a plain message flagged zstd", Expect.REFUSED, "zstd", plain -> plain),
        new Compressed(
            "a truncated snappy message",
            Expect.REFUSED,
            "snappy",
            plain -> cut(snappyFramed(plain), 5)),
        new Compressed(
            "a snappy block where the framing format is expected",
            Expect.REFUSED,
            "snappy",
            HostileInputEndToEndTest::snappyBlock),
        new Compressed("a plain message flagged snappy", Expect.REFUSED, "snappy", plain -> plain));
  }

  /** Writes whatever its encoder makes of the message, under a name the server knows. */
  static final class HostileCompressor implements Compressor {
    private final String name;
    private final Encoder encoder;

    HostileCompressor(String name, Encoder encoder) {
      this.name = name;
      this.encoder = encoder;
    }

    @Override
    public String getMessageEncoding() {
      return name;
    }

    @Override
    public OutputStream compress(OutputStream os) {
      return new ByteArrayOutputStream() {
        @Override
        public void close() throws IOException {
          os.write(encoder.encode(toByteArray()));
          os.close();
        }
      };
    }
  }

  // ---------------------------------------------------------------- size limits

  @Test
  void anHttpBodyAtTheLimitIsDeliveredAndOneByteOverGets413() throws Exception {
    for (Encoding encoding : Encoding.values()) {
      byte[] traceId = nextTraceId();
      byte[] atLimit = sized(HTTP_BODY_LIMIT, size -> withValueOf(encoding, traceId, size));
      assertThat(atLimit).hasSize(HTTP_BODY_LIMIT);
      assertOutcome(
          new Hostile("a body of exactly the limit", Expect.DELIVERED, 1, 0, null, null, null),
          overHttp(encoding, null, atLimit),
          traceId);

      byte[] overTraceId = nextTraceId();
      byte[] over = sized(HTTP_BODY_LIMIT + 1, size -> withValueOf(encoding, overTraceId, size));
      HttpAnswer answer = post(encoding.contentType, null, over);
      assertOtlpError(answer, encoding, 413, Code.RESOURCE_EXHAUSTED);
      assertNothingDelivered(overTraceId);
    }
  }

  @Test
  void aGzipBodyDecompressingToTheLimitIsDeliveredAndOneByteMoreGets413() throws Exception {
    byte[] traceId = nextTraceId();
    byte[] atLimit =
        sized(
            HTTP_BODY_LIMIT,
            size ->
                request(
                        span(traceId, 0, "at-limit")
                            .addAttributes(attribute("v", "x".repeat(size))))
                    .toByteArray());
    assertOutcome(
        new Hostile(
            "a gzip body decompressing to the limit", Expect.DELIVERED, 1, 0, null, null, null),
        overHttp(Encoding.PROTOBUF, "gzip", gzip(atLimit)),
        traceId);

    byte[] overTraceId = nextTraceId();
    byte[] over =
        sized(
            HTTP_BODY_LIMIT + 1,
            size ->
                request(
                        span(overTraceId, 0, "over-limit")
                            .addAttributes(attribute("v", "x".repeat(size))))
                    .toByteArray());
    assertOtlpError(
        post(Encoding.PROTOBUF.contentType, "gzip", gzip(over)),
        Encoding.PROTOBUF,
        413,
        Code.RESOURCE_EXHAUSTED);
    assertNothingDelivered(overTraceId);
  }

  @Test
  void aGrpcMessageAtTheLimitIsDeliveredAndOneByteOverIsResourceExhausted() throws Exception {
    byte[] traceId = nextTraceId();
    byte[] atLimit =
        sized(
            GRPC_MESSAGE_LIMIT,
            size ->
                request(
                        span(traceId, 0, "at-limit")
                            .addAttributes(attribute("v", "x".repeat(size))))
                    .toByteArray());
    assertThat(atLimit).hasSize(GRPC_MESSAGE_LIMIT);
    assertOutcome(
        new Hostile("a message of exactly the limit", Expect.DELIVERED, 1, 0, null, null, null),
        overGrpc(channel, atLimit, CallOptions.DEFAULT),
        traceId);

    byte[] overTraceId = nextTraceId();
    byte[] over =
        sized(
            GRPC_MESSAGE_LIMIT + 1,
            size ->
                request(
                        span(overTraceId, 0, "over-limit")
                            .addAttributes(attribute("v", "x".repeat(size))))
                    .toByteArray());
    Answer answer = overGrpc(channel, over, CallOptions.DEFAULT);
    assertThat(answer.grpcCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertNothingDelivered(overTraceId);
  }

  /** A span with one attribute of {@code size} x's; JSON written by hand, as it may be 20 MiB. */
  static byte[] withValueOf(Encoding encoding, byte[] traceId, int size) {
    String value = "x".repeat(size);
    return encoding == Encoding.PROTOBUF
        ? request(span(traceId, 0, "sized").addAttributes(attribute("v", value))).toByteArray()
        : spanJson(
            traceId,
            ",\"attributes\":[{\"key\":\"v\",\"value\":{\"stringValue\":\"" + value + "\"}}]");
  }

  /** An encoding of exactly {@code target} bytes, found by sizing the one long value in it. */
  static byte[] sized(int target, IntFunction<byte[]> encodingWithValueOf) {
    int size = target;
    for (int attempt = 0; attempt < 10; attempt++) {
      byte[] encoded = encodingWithValueOf.apply(size);
      if (encoded.length == target) {
        return encoded;
      }
      size += target - encoded.length;
    }
    throw new IllegalStateException("no value makes an encoding of " + target + " bytes");
  }

  // ---------------------------------------------------------------- Content-Type and headers

  record HeaderCase(
      String name,
      String contentType,
      Encoding bodyEncoding,
      Map<String, String> headers,
      int status,
      Encoding answerEncoding) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<HeaderCase> headerCases() {
    return Stream.of(
        new HeaderCase(
            "protobuf with a charset parameter",
            "application/x-protobuf; charset=utf-8",
            Encoding.PROTOBUF,
            Map.of(),
            200,
            Encoding.PROTOBUF),
        new HeaderCase(
            "JSON in upper case with a charset",
            "APPLICATION/JSON; Charset=UTF-8",
            Encoding.JSON,
            Map.of(),
            200,
            Encoding.JSON),
        new HeaderCase(
            "JSON with spaces around the type",
            "  application/json  ",
            Encoding.JSON,
            Map.of(),
            200,
            Encoding.JSON),
        new HeaderCase(
            "a protobuf body labelled JSON",
            "application/json",
            Encoding.PROTOBUF,
            Map.of(),
            400,
            Encoding.JSON),
        new HeaderCase(
            "a JSON body labelled protobuf",
            "application/x-protobuf",
            Encoding.JSON,
            Map.of(),
            400,
            Encoding.PROTOBUF),
        new HeaderCase("no Content-Type", null, Encoding.PROTOBUF, Map.of(), 415, null),
        new HeaderCase(
            "application/protobuf", "application/protobuf", Encoding.PROTOBUF, Map.of(), 415, null),
        new HeaderCase(
            "two content types in one header",
            "application/x-protobuf, application/json",
            Encoding.PROTOBUF,
            Map.of(),
            415,
            null),
        new HeaderCase("a bare semicolon", ";", Encoding.PROTOBUF, Map.of(), 415, null),
        new HeaderCase(
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            Encoding.PROTOBUF,
            Map.of(),
            415,
            null),
        new HeaderCase(
            "a header value of 4 KiB",
            "application/x-protobuf",
            Encoding.PROTOBUF,
            Map.of("X-Hostile", "h".repeat(4096)),
            200,
            Encoding.PROTOBUF),
        new HeaderCase(
            "a Content-Type of 4 KiB",
            "application/x-protobuf; x=" + "p".repeat(4096),
            Encoding.PROTOBUF,
            Map.of(),
            200,
            Encoding.PROTOBUF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headerCases")
  void contentTypesAreAnsweredAsDocumented(HeaderCase header) throws Exception {
    byte[] traceId = nextTraceId();
    byte[] body = header.bodyEncoding().encode(request(span(traceId, 0, "headers")));

    HttpAnswer answer = post(header.contentType(), null, body, header.headers());

    assertThat(answer.status()).as(header.name()).isEqualTo(header.status());
    assertThat(answer.contentType()).doesNotContain("html");
    if (header.status() == 200) {
      assertThat(answer.contentType()).startsWith(header.answerEncoding().contentType);
      awaitDelivered(traceId, 1);
    } else {
      if (header.answerEncoding() != null) {
        assertOtlpError(answer, header.answerEncoding(), header.status(), Code.INVALID_ARGUMENT);
      } else {
        assertThat(new String(answer.body(), UTF_8)).contains("Content-Type");
      }
      assertNothingDelivered(traceId);
    }
  }

  /**
   * Beyond Jetty's request header limit (8 KiB): refused before the servlet, but not with a 5xx or
   * a page.
   */
  @Test
  void headersBeyondTheServersLimitAreRefusedWithoutA5xxOrAPage() throws Exception {
    for (Map<String, String> headers :
        List.of(
            Map.of("X-Hostile", "h".repeat(64 * 1024)),
            Map.of("Content-Encoding", "x".repeat(64 * 1024)))) {
      byte[] traceId = nextTraceId();
      HttpAnswer answer =
          post(
              Encoding.PROTOBUF.contentType,
              null,
              request(span(traceId, 0, "huge-header")).toByteArray(),
              headers);

      assertThat(answer.status()).isBetween(400, 499);
      assertThat(answer.contentType()).doesNotContain("html");
      assertThat(new String(answer.body(), UTF_8)).doesNotContainIgnoringCase("<html");
      assertNothingDelivered(traceId);
    }
  }

  /**
   * A body shorter than its Content-Length, the client then closing its side: a 400, nothing
   * delivered.
   */
  @Test
  void aBodyShorterThanItsContentLengthGets400() throws Exception {
    byte[] traceId = nextTraceId();
    byte[] body = request(span(traceId, 0, "short")).toByteArray();
    try (Socket socket = new Socket("127.0.0.1", gateway.httpPort)) {
      socket.setSoTimeout((int) ANSWER_DEADLINE.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                  + "Content-Length: "
                  + (body.length + 100)
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.write(body);
      out.flush();
      socket.shutdownOutput();

      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("<html");
      assertThat(response.toLowerCase(Locale.ROOT))
          .contains("content-type: application/x-protobuf");
      byte[] raw = response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      int bodyStart = response.indexOf("\r\n\r\n") + 4;
      com.google.rpc.Status status =
          com.google.rpc.Status.parseFrom(Arrays.copyOfRange(raw, bodyStart, raw.length));
      assertThat(status.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    }
    assertNothingDelivered(traceId);
  }

  // ---------------------------------------------------------------- afterwards

  @Test
  @Order(Integer.MAX_VALUE)
  void afterAllOfItTheGatewayIsHealthyAndDeliversOverEveryTransport() throws Exception {
    var health = gateway.admin("/healthcheck");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).doesNotContain("\"healthy\":false");

    for (Transport transport : Transport.values()) {
      byte[] traceId = nextTraceId();
      ExportTraceServiceRequest request =
          request(
              span(traceId, 0, "afterwards").addAttributes(attribute("mail", "jane@example.com")));
      Answer answer =
          switch (transport) {
            case HTTP_PROTOBUF -> overHttp(Encoding.PROTOBUF, null, request.toByteArray());
            case HTTP_JSON -> overHttp(Encoding.JSON, null, OTLP_JSON.print(request));
            case GRPC -> overGrpc(channel, request.toByteArray(), CallOptions.DEFAULT);
          };
      assertThat(answer.accepted()).as(transport + ": " + answer).isTrue();
      assertThat(stringAttribute(awaitDelivered(traceId, 1).get(0), "mail")).isEqualTo("****");
    }
  }

  // ---------------------------------------------------------------- answers and delivery

  /** What the gateway answered: accepted (with the spans it rejected) or refused, and how. */
  record Answer(
      boolean accepted, long rejected, int httpStatus, Status.Code grpcCode, String message) {}

  record HttpAnswer(int status, String contentType, byte[] body) {}

  enum Encoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    final String contentType;

    Encoding(String contentType) {
      this.contentType = contentType;
    }

    byte[] encode(ExportTraceServiceRequest request) {
      return this == PROTOBUF ? request.toByteArray() : OTLP_JSON.print(request);
    }

    <M extends Message> M decode(byte[] body, Message.Builder builder) throws IOException {
      if (this == PROTOBUF) {
        builder.mergeFrom(body);
      } else {
        JsonFormat.parser().merge(new String(body, UTF_8), builder);
      }
      @SuppressWarnings("unchecked")
      M message = (M) builder.build();
      return message;
    }
  }

  /**
   * Over HTTP an answer is 200 with an export response or 400 with a google.rpc.Status
   * (INVALID_ARGUMENT), both in the request's encoding; never anything else.
   */
  static Answer overHttp(Encoding encoding, String contentEncoding, byte[] body) throws Exception {
    HttpAnswer answer = post(encoding.contentType, contentEncoding, body);
    assertThat(answer.status())
        .as("HTTP status (body: %s)", abbreviate(new String(answer.body(), UTF_8)))
        .isIn(200, 400);
    assertThat(answer.contentType())
        .as("Content-Type of the answer")
        .startsWith(encoding.contentType);
    if (answer.status() == 200) {
      ExportTraceServiceResponse response =
          encoding.decode(answer.body(), ExportTraceServiceResponse.newBuilder());
      return new Answer(
          true,
          response.getPartialSuccess().getRejectedSpans(),
          200,
          null,
          response.getPartialSuccess().getErrorMessage());
    }
    com.google.rpc.Status status = assertOtlpError(answer, encoding, 400, Code.INVALID_ARGUMENT);
    return new Answer(false, 0, 400, null, status.getMessage());
  }

  static com.google.rpc.Status assertOtlpError(
      HttpAnswer answer, Encoding encoding, int httpStatus, Code code) throws IOException {
    assertThat(answer.status()).isEqualTo(httpStatus);
    assertThat(answer.contentType()).startsWith(encoding.contentType);
    com.google.rpc.Status status =
        encoding.decode(answer.body(), com.google.rpc.Status.newBuilder());
    assertThat(status.getCode()).as(status.getMessage()).isEqualTo(code.getNumber());
    assertThat(status.getMessage()).isNotBlank();
    return status;
  }

  static HttpAnswer post(String contentType, String contentEncoding, byte[] body) throws Exception {
    return post(contentType, contentEncoding, body, Map.of());
  }

  static HttpAnswer post(
      String contentType, String contentEncoding, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces"))
            .timeout(ANSWER_DEADLINE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (contentEncoding != null) {
      builder.header("Content-Encoding", contentEncoding);
    }
    headers.forEach(builder::header);
    HttpResponse<byte[]> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new HttpAnswer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /**
   * Over gRPC an answer is OK with an export response or INVALID_ARGUMENT; others are returned for
   * the caller to judge.
   */
  static Answer overGrpc(ManagedChannel over, byte[] body, CallOptions options) {
    try {
      ExportTraceServiceResponse response =
          ClientCalls.blockingUnaryCall(
              over,
              RAW_EXPORT,
              options.withDeadlineAfter(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
              body);
      return new Answer(
          true,
          response.getPartialSuccess().getRejectedSpans(),
          0,
          Status.Code.OK,
          response.getPartialSuccess().getErrorMessage());
    } catch (StatusRuntimeException e) {
      return new Answer(false, 0, 0, e.getStatus().getCode(), e.getStatus().getDescription());
    }
  }

  static void assertOutcome(Hostile hostile, Answer answer, byte[] traceId) throws Exception {
    if (answer.grpcCode() != null) {
      assertThat(answer.grpcCode())
          .as("gRPC status (%s)", answer.message())
          .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT);
      if (!answer.accepted()) {
        assertThat(answer.message()).isNotBlank();
      }
    }
    switch (hostile.expect()) {
      case DELIVERED ->
          assertThat(answer.accepted()).as("accepted (refused: %s)", answer.message()).isTrue();
      case REFUSED -> assertThat(answer.accepted()).as("refused").isFalse();
      case DELIVERED_OR_REFUSED -> {}
    }
    if (answer.accepted()) {
      assertThat(answer.rejected())
          .as("rejected in partial_success (%s)", answer.message())
          .isEqualTo(hostile.rejected());
      List<Span> spans = awaitDelivered(traceId, hostile.spans());
      if (hostile.check() != null) {
        hostile.check().verify(spans);
      }
    } else {
      assertNothingDelivered(traceId);
    }
  }

  /**
   * Waits for {@code expected} spans of the trace at the backend; asserts there are exactly so
   * many.
   */
  static List<Span> awaitDelivered(byte[] traceId, int expected) throws InterruptedException {
    ByteString id = ByteString.copyFrom(traceId);
    Await.until(() -> delivered.spansOf(id).size() >= expected, DELIVERY_DEADLINE);
    if (expected == 0) {
      assertNothingDelivered(traceId);
    }
    List<Span> spans = delivered.spansOf(id);
    assertThat(spans).as("spans delivered of trace %s", HEX.formatHex(traceId)).hasSize(expected);
    return spans;
  }

  /** Nothing of a refused request arrives: checked once a request sent after it has arrived. */
  static void assertNothingDelivered(byte[] traceId) throws InterruptedException {
    byte[] sentinel = nextTraceId();
    ByteString sentinelId = ByteString.copyFrom(sentinel);
    assertThat(
            overGrpc(
                    channel,
                    request(span(sentinel, 0, "sentinel")).toByteArray(),
                    CallOptions.DEFAULT)
                .accepted())
        .isTrue();
    assertThat(Await.until(() -> delivered.spansOf(sentinelId).size() == 1, DELIVERY_DEADLINE))
        .as("the sentinel arrives")
        .isTrue();
    assertThat(delivered.spansOf(ByteString.copyFrom(traceId)))
        .as("spans delivered of a refused request")
        .isEmpty();
  }

  /** The backend's spans by trace id, indexed as batches arrive. */
  static final class Delivered {
    private int seen;
    private final Map<ByteString, List<Span>> byTrace = new HashMap<>();

    synchronized List<Span> spansOf(ByteString traceId) {
      List<ExportTraceServiceRequest> batches = backend.traces.batches();
      for (; seen < batches.size(); seen++) {
        for (ResourceSpans resource : batches.get(seen).getResourceSpansList()) {
          for (ScopeSpans scope : resource.getScopeSpansList()) {
            for (Span span : scope.getSpansList()) {
              byTrace.computeIfAbsent(span.getTraceId(), k -> new ArrayList<>()).add(span);
            }
          }
        }
      }
      return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
    }
  }

  /** Export with the request as bytes, whatever they are. */
  static final MethodDescriptor<byte[], ExportTraceServiceResponse> RAW_EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(
              new MethodDescriptor.Marshaller<byte[]>() {
                @Override
                public InputStream stream(byte[] value) {
                  return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                  throw new UnsupportedOperationException("requests are only sent");
                }
              },
              TraceServiceGrpc.getExportMethod().getResponseMarshaller())
          .build();

  // ---------------------------------------------------------------- building requests

  static byte[] nextTraceId() {
    return ByteBuffer.allocate(16)
        .putLong(0x7a11_6a7e_0000_0000L)
        .putLong(TRACES.incrementAndGet())
        .array();
  }

  static byte[] spanId(int index) {
    return ByteBuffer.allocate(8).putLong(index + 1L).array();
  }

  /** A span with status ERROR, so that any errors policy of tail sampling keeps it. */
  static Span.Builder span(byte[] traceId, int index, String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId(index)))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1_700_000_000_000_000_000L)
        .setEndTimeUnixNano(1_700_000_000_001_000_000L)
        .setStatus(
            io.opentelemetry.proto.trace.v1.Status.newBuilder()
                .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR));
  }

  static ExportTraceServiceRequest request(Span.Builder... spans) {
    return request(
        Resource.newBuilder().addAttributes(attribute("service.name", "hostile")).build(), spans);
  }

  static ExportTraceServiceRequest request(Resource resource, Span.Builder... spans) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("hostile"));
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static AnyValue attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no attribute " + abbreviate(key) + " in the delivered span"))
        .getValue();
  }

  static String stringAttribute(Span span, String key) {
    return attribute(span, key).getStringValue();
  }

  /** One span's OTLP/JSON, written by hand: {@code extra} goes after its fields. */
  static byte[] spanJson(byte[] traceId, String extra) {
    return spanJson(traceId, extra, "json");
  }

  static byte[] spanJson(byte[] traceId, String extra, String name) {
    return ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + HEX.formatHex(traceId)
            + "\",\"spanId\":\"ab00000000000001\",\"name\":\""
            + name
            + "\",\"status\":{\"code\":2}"
            + extra
            + "}]}]}]}")
        .getBytes(UTF_8);
  }

  /** A valid span of the trace, then {@code other} as a second span. */
  static byte[] twoSpansJson(byte[] traceId, String other) {
    String one = new String(spanJson(traceId, ""), UTF_8);
    return one.replace("}]}]}]}", "}," + other + "]}]}]}").getBytes(UTF_8);
  }

  static byte[] spanBytes(byte[] traceId, int index) {
    return span(traceId, index, "wire").build().toByteArray();
  }

  static byte[] spanWithoutStatus(byte[] traceId) {
    return span(traceId, 0, "wire").clearStatus().build().toByteArray();
  }

  static byte[] requestWithSpan(byte[] span) {
    return requestWithSpans(span);
  }

  static byte[] requestWithSpans(byte[]... spans) {
    byte[] scope = new byte[0];
    for (byte[] span : spans) {
      scope = cat(scope, field(2, span));
    }
    return field(1, field(2, scope));
  }

  static byte[] replaceMarker(byte[] encoded, byte[] replacement) {
    byte[] marker = "MARKER01".getBytes(UTF_8);
    assertThat(replacement).hasSameSizeAs(marker);
    byte[] copy = encoded.clone();
    int at = dev.tailgate.pipeline.testing.InvalidUtf8.indexOf(copy, marker);
    assertThat(at).as("the marker is in the encoding").isNotNegative();
    System.arraycopy(replacement, 0, copy, at, replacement.length);
    return copy;
  }

  // ---- protobuf wire helpers

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  static byte[] tag(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  static byte[] field(int number, byte[] payload) {
    return cat(tag(number, 2), varint(payload.length), payload);
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] repeat(byte value, int times) {
    byte[] out = new byte[times];
    Arrays.fill(out, value);
    return out;
  }

  static byte[] cut(byte[] bytes, int fromEnd) {
    return Arrays.copyOf(bytes, bytes.length - fromEnd);
  }

  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  /**
   * Writes a protobuf encoding from the inside out, so that each message's length is known when its
   * header is written: linear in the size, for values nested 100,000 levels deep.
   */
  static final class Backwards {
    private byte[] buffer = new byte[1024];
    private int start = buffer.length;

    void prepend(byte[] bytes) {
      while (start < bytes.length) {
        byte[] grown = new byte[buffer.length * 2];
        int used = buffer.length - start;
        System.arraycopy(buffer, start, grown, grown.length - used, used);
        start = grown.length - used;
        buffer = grown;
      }
      start -= bytes.length;
      System.arraycopy(bytes, 0, buffer, start, bytes.length);
    }

    void prependField(int number, byte[] payload) {
      prepend(payload);
      prepend(varint(payload.length));
      prepend(tag(number, 2));
    }

    /** Makes everything written so far the value of length-delimited field {@code number}. */
    void wrap(int number) {
      prepend(varint(buffer.length - start));
      prepend(tag(number, 2));
    }

    byte[] toByteArray() {
      return Arrays.copyOfRange(buffer, start, buffer.length);
    }
  }

  // ---- compression

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
      deflate.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] rawDeflate(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      deflate.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] snappyBlock(byte[] plain) throws IOException {
    return Snappy.compress(plain);
  }

  static byte[] snappyFramed(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream snappy = new SnappyFramedOutputStream(out)) {
      snappy.write(plain);
    }
    return out.toByteArray();
  }
}
