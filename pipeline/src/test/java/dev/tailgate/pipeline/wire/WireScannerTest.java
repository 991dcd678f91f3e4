package dev.tailgate.pipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class WireScannerTest {
  private static final ByteString TRACE_ID = ByteString.copyFrom(new byte[16]);
  private static final ByteString SPAN_ID = ByteString.copyFrom(new byte[8]);

  private static Span.Builder span() {
    return Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).setName("s");
  }

  private static ExportTraceServiceRequest traces(Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(TestBatches.resource("svc"))
                .addScopeSpans(scope))
        .build();
  }

  /** A map value nested {@code depth} levels deep: depth 1 is a plain string. */
  static AnyValue nested(int depth) {
    AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
    for (int level = 2; level <= depth; level++) {
      value =
          level % 2 == 0
              ? AnyValue.newBuilder()
                  .setKvlistValue(
                      KeyValueList.newBuilder()
                          .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
                  .build()
              : AnyValue.newBuilder()
                  .setArrayValue(ArrayValue.newBuilder().addValues(value))
                  .build();
    }
    return value;
  }

  private static WireScan scan(Signal<?> signal, ByteString bytes)
      throws InvalidProtocolBufferException {
    return WireScanner.of(signal).scan(bytes);
  }

  @Test
  void countsSpansAcrossResourcesAndScopes() throws Exception {
    assertThat(scan(Signal.TRACES, TestBatches.traces(3, 2, 4).toByteString()).items())
        .isEqualTo(24);
  }

  @Test
  void countsSpansWithMalformedIds() throws Exception {
    ExportTraceServiceRequest request =
        traces(span(), span().setTraceId(ByteString.copyFrom(new byte[3])), span().clearSpanId());

    assertThat(scan(Signal.TRACES, request.toByteString())).isEqualTo(new WireScan(3, 2));
  }

  @Test
  void acceptsInvalidUtf8InAStringValueWithoutDecodingIt() throws Exception {
    AnyValue marked = AnyValue.newBuilder().setStringValue("MARKER").build();
    ExportTraceServiceRequest request =
        traces(span().addAttributes(KeyValue.newBuilder().setKey("bad").setValue(marked)), span());
    ByteString invalid = InvalidUtf8.replacing(request, "MARKER");

    assertThat(scan(Signal.TRACES, invalid)).isEqualTo(new WireScan(2, 0));
    assertThat(
            Signal.TRACES
                .parse(invalid)
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0)
                .getAttributes(0)
                .getValue()
                .getStringValue())
        .isEqualTo("\uFFFD".repeat(6));
  }

  @Test
  void acceptsValuesNestedToTheLimitAndRefusesDeeper() throws Exception {
    ExportTraceServiceRequest deepest =
        traces(
            span()
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("deep")
                        .setValue(nested(WireScanner.MAX_VALUE_DEPTH))));
    ExportTraceServiceRequest tooDeep =
        traces(
            span()
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("deep")
                        .setValue(nested(WireScanner.MAX_VALUE_DEPTH + 1))));

    assertThat(scan(Signal.TRACES, deepest.toByteString()).items()).isEqualTo(1);
    assertThatThrownBy(() -> scan(Signal.TRACES, tooDeep.toByteString()))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("deeper than 64");
  }

  @Test
  void whatTheScannerAcceptsTheSignalParses() throws Exception {
    ExportTraceServiceRequest deepest =
        traces(
            span()
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("deep")
                        .setValue(nested(WireScanner.MAX_VALUE_DEPTH))));

    assertThat(Signal.TRACES.parse(deepest.toByteString())).isEqualTo(deepest);
  }

  @Test
  void aValueNestedThousandsOfLevelsIsRefusedWithoutOverflowingTheStack() {
    // Built by hand: protobuf-java itself cannot build or serialize a message this deep.
    ByteString value = AnyValue.newBuilder().setStringValue("x").build().toByteString();
    for (int level = 0; level < 5000; level++) {
      ByteString array =
          ByteString.copyFrom(new byte[] {10}).concat(varint(value.size())).concat(value);
      value = ByteString.copyFrom(new byte[] {42}).concat(varint(array.size())).concat(array);
    }
    ByteString keyValue =
        ByteString.copyFrom(new byte[] {18}).concat(varint(value.size())).concat(value);
    ByteString spanBytes =
        span()
            .build()
            .toByteString()
            .concat(ByteString.copyFrom(new byte[] {74}))
            .concat(varint(keyValue.size()))
            .concat(keyValue);
    ByteString scope =
        ByteString.copyFrom(new byte[] {18}).concat(varint(spanBytes.size())).concat(spanBytes);
    ByteString resource =
        ByteString.copyFrom(new byte[] {18}).concat(varint(scope.size())).concat(scope);
    ByteString request =
        ByteString.copyFrom(new byte[] {10}).concat(varint(resource.size())).concat(resource);

    assertThatThrownBy(() -> scan(Signal.TRACES, request))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void countsLogRecordsAndChecksTheirOptionalIds() throws Exception {
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(LogRecord.newBuilder().setBody(nested(40)))
                            .addLogRecords(
                                LogRecord.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID))
                            .addLogRecords(
                                LogRecord.newBuilder()
                                    .setSpanId(ByteString.copyFromUtf8("short")))))
            .build();

    assertThat(scan(Signal.LOGS, request.toByteString())).isEqualTo(new WireScan(3, 1));
  }

  @Test
  void countsDataPointsOfEveryMetric() throws Exception {
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("g")
                                    .setGauge(
                                        Gauge.newBuilder()
                                            .addDataPoints(NumberDataPoint.newBuilder().setAsInt(1))
                                            .addDataPoints(
                                                NumberDataPoint.newBuilder()
                                                    .setAsInt(2)
                                                    .addAttributes(
                                                        KeyValue.newBuilder()
                                                            .setKey("k")
                                                            .setValue(nested(10))))))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("h")
                                    .setHistogram(
                                        Histogram.newBuilder()
                                            .addDataPoints(
                                                HistogramDataPoint.newBuilder().setCount(3))))))
            .build();

    assertThat(scan(Signal.METRICS, request.toByteString()).items()).isEqualTo(3);
    assertThat(scan(Signal.METRICS, request.toByteString()).items())
        .isEqualTo(Signal.METRICS.count(request));
  }

  @Test
  void refusesTruncatedBytesAndTheGroupEncoding() {
    ByteString whole = TestBatches.traces(1, 1, 2).toByteString();

    assertThatThrownBy(() -> scan(Signal.TRACES, whole.substring(0, whole.size() - 3)))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(
            () ->
                scan(
                    Signal.TRACES,
                    ByteString.copyFrom(new byte[] {(byte) 0x9B, 0x01, (byte) 0x9C, 0x01})))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("group");
  }

  private static ByteString varint(int value) {
    byte[] out = new byte[5];
    int n = 0;
    while ((value & ~0x7F) != 0) {
      out[n++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[n++] = (byte) value;
    return ByteString.copyFrom(out, 0, n);
  }
}
