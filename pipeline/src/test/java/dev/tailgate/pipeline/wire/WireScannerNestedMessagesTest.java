package dev.tailgate.pipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The nested messages the scanner once skipped as opaque bytes (a span's status, a resource's
 * entity refs, histogram buckets, summary quantiles): malformed inside, they were forwarded, and
 * the backend refused the whole batch they were joined into. What the scanner accepts, protobuf
 * parses; what protobuf cannot parse, the scanner refuses.
 */
class WireScannerNestedMessagesTest {
  private static final byte[] TRACE_ID = new byte[16];
  private static final byte[] SPAN_ID = new byte[8];

  @Test
  void refusesASpanStatusWhoseMessageReachesPastIt() throws Exception {
    byte[] status =
        cat(tag(2, 2), varint(50), "short".getBytes(StandardCharsets.UTF_8)); // message = 2
    ByteString request = traces(cat(span(), field(15, status)));

    assertRefusedLikeProtobuf(Signal.TRACES, request);
  }

  @Test
  void refusesAResourceEntityRefCutShort() throws Exception {
    byte[] entityRef =
        cat(tag(2, 2), varint(9), "host".getBytes(StandardCharsets.UTF_8)); // type = 2
    byte[] resource = field(3, entityRef); // entity_refs = 3
    ByteString request =
        ByteString.copyFrom(field(1, cat(field(1, resource), field(2, field(2, span())))));

    assertRefusedLikeProtobuf(Signal.TRACES, request);
  }

  @Test
  void acceptsWellFormedStatusesAndEntityRefs() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addEntityRefs(
                                io.opentelemetry.proto.common.v1.EntityRef.newBuilder()
                                    .setType("host")
                                    .addIdKeys("host.id")))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(ByteString.copyFrom(TRACE_ID))
                                    .setSpanId(ByteString.copyFrom(SPAN_ID))
                                    .setStatus(
                                        Status.newBuilder()
                                            .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                                            .setMessage("boom")))))
            .build();

    assertThat(WireScanner.of(Signal.TRACES).scan(request.toByteString()))
        .isEqualTo(new WireScan(1, 0));
  }

  @Test
  void refusesHistogramBucketCountsThatEndInTheMiddleOfAValue() throws Exception {
    byte[] point = field(6, new byte[7]); // bucket_counts = 6, packed fixed64
    ByteString request = metrics(field(9, field(1, point))); // histogram = 9, data_points = 1

    assertRefusedLikeProtobuf(Signal.METRICS, request);
  }

  @Test
  void refusesHistogramExplicitBoundsThatEndInTheMiddleOfAValue() throws Exception {
    byte[] point = field(7, new byte[12]); // explicit_bounds = 7, packed double
    ByteString request = metrics(field(9, field(1, point)));

    assertRefusedLikeProtobuf(Signal.METRICS, request);
  }

  @Test
  void refusesExponentialHistogramBucketsWithAMalformedVarint() throws Exception {
    byte[] counts = new byte[] {(byte) 0x80, (byte) 0x80}; // a varint that never ends
    byte[] point = field(8, field(2, counts)); // positive = 8, bucket_counts = 2 (packed)
    ByteString request = metrics(field(10, field(1, point))); // exponential_histogram = 10

    assertRefusedLikeProtobuf(Signal.METRICS, request);
  }

  @Test
  void refusesASummaryQuantileCutShort() throws Exception {
    byte[] quantile = cat(tag(1, 1), new byte[3]); // quantile = 1, a double of 3 bytes
    byte[] point = field(6, quantile); // quantile_values = 6
    ByteString request = metrics(field(11, field(1, point))); // summary = 11

    assertRefusedLikeProtobuf(Signal.METRICS, request);
  }

  @Test
  void acceptsWellFormedHistogramsExponentialHistogramsAndSummaries() throws Exception {
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("h")
                                    .setHistogram(
                                        Histogram.newBuilder()
                                            .addDataPoints(
                                                HistogramDataPoint.newBuilder()
                                                    .addBucketCounts(1)
                                                    .addBucketCounts(2)
                                                    .addExplicitBounds(0.5))))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("e")
                                    .setExponentialHistogram(
                                        ExponentialHistogram.newBuilder()
                                            .addDataPoints(
                                                ExponentialHistogramDataPoint.newBuilder()
                                                    .setPositive(
                                                        ExponentialHistogramDataPoint.Buckets
                                                            .newBuilder()
                                                            .setOffset(-3)
                                                            .addBucketCounts(300))
                                                    .setNegative(
                                                        ExponentialHistogramDataPoint.Buckets
                                                            .newBuilder()
                                                            .addBucketCounts(Long.MAX_VALUE)))))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("s")
                                    .setSummary(
                                        Summary.newBuilder()
                                            .addDataPoints(
                                                SummaryDataPoint.newBuilder()
                                                    .addQuantileValues(
                                                        SummaryDataPoint.ValueAtQuantile
                                                            .newBuilder()
                                                            .setQuantile(0.99)
                                                            .setValue(12)))))))
            .build();

    assertThat(WireScanner.of(Signal.METRICS).scan(request.toByteString()).items()).isEqualTo(3);
  }

  /** The scanner refuses the request, as protobuf-java does: the backend would refuse it too. */
  private static void assertRefusedLikeProtobuf(Signal<?> signal, ByteString request) {
    assertThatThrownBy(() -> signal.parse(request))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(() -> WireScanner.of(signal).scan(request))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  private static byte[] span() {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(TRACE_ID))
        .setSpanId(ByteString.copyFrom(SPAN_ID))
        .setName("s")
        .build()
        .toByteArray();
  }

  /** One resource, one scope, the span. */
  private static ByteString traces(byte[] span) {
    return ByteString.copyFrom(field(1, field(2, field(2, span))));
  }

  /** One resource, one scope, a metric named "m" with {@code data} (its gauge, sum, ... field). */
  private static ByteString metrics(byte[] data) {
    byte[] metric = cat(field(1, "m".getBytes(StandardCharsets.UTF_8)), data);
    return ByteString.copyFrom(field(1, field(2, field(2, metric))));
  }

  private static byte[] field(int number, byte[] payload) {
    return cat(tag(number, 2), varint(payload.length), payload);
  }

  private static byte[] tag(int number, int wireType) {
    return varint((long) number << 3 | wireType);
  }

  private static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
