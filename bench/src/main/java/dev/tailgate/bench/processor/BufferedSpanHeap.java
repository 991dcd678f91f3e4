package dev.tailgate.bench.processor;

import dev.tailgate.pipeline.Batch;
import com.google.protobuf.CodedInputStream;
import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Heap held per span waiting in tail_sampling, against the span's encoded size: fills a
 * processor whose decision_wait never ends with N spans parsed as the receivers parse them, and
 * compares used heap after full GCs. Requests are parsed both as the gRPC receiver parses them
 * (aliasing enabled on a byte array) and plainly: protobuf copies byte fields out of a byte array
 * it may not assume immutable, aliasing or not, so no received buffer stays reachable through a
 * waiting span, and both rows should agree.
 *
 * <p>{@code java -cp bench/target/tailgate-bench.jar dev.tailgate.bench.processor.BufferedSpanHeap [spans]}
 */
public final class BufferedSpanHeap {
  private BufferedSpanHeap() {}

  public static void main(String[] args) throws Exception {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    System.out.printf("%-8s %9s %14s %15s %15s %8s%n",
        "parse", "spans", "span bytes/sp", "request b/span", "heap b/span", "ratio");
    for (boolean aliased : new boolean[] {true, false}) {
      measure(spans, aliased);
    }
  }

  private static void measure(int spans, boolean aliased) throws IOException {
    long[] passedOn = {0};
    PayloadFactory payloads = new PayloadFactory(TailSamplingBenchmark.SPANS_PER_REQUEST, 10);
    BenchClock clock = new BenchClock();
    TailSamplingProcessor processor =
        TailSamplingSetup.processor(
            TailSamplingSetup.config(Duration.ofHours(1).toMillis(), 10_000_000, spans + 1, true),
            clock,
            batch -> passedOn[0] += batch.items());
    long before = usedHeapAfterGc();
    long spanBytes = 0;
    long requestBytes = 0;
    int requests = spans / TailSamplingBenchmark.SPANS_PER_REQUEST;
    for (int i = 0; i < requests; i++) {
      byte[] encoded = payloads.create(1_000 + i).toByteArray();
      ExportTraceServiceRequest request = parse(encoded, aliased);
      requestBytes += encoded.length;
      spanBytes += encodedSpanBytes(request);
      processor.consume(Batch.of(Signal.TRACES, request));
    }
    long held = usedHeapAfterGc() - before;
    if (passedOn[0] > 0) {
      throw new IllegalStateException(passedOn[0] + " spans were decided while measuring; nothing should be");
    }
    int buffered = requests * TailSamplingBenchmark.SPANS_PER_REQUEST;
    System.out.printf("%-8s %9d %14.0f %15.0f %15.0f %8.2f%n",
        aliased ? "aliasing" : "plain",
        buffered,
        (double) spanBytes / buffered,
        (double) requestBytes / buffered,
        (double) held / buffered,
        (double) held / spanBytes);
    processor.shutdown();
  }

  private static ExportTraceServiceRequest parse(byte[] encoded, boolean aliased) throws IOException {
    CodedInputStream input = CodedInputStream.newInstance(encoded);
    input.enableAliasing(aliased);
    return ExportTraceServiceRequest.parseFrom(input);
  }

  private static long encodedSpanBytes(ExportTraceServiceRequest request) {
    long bytes = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          bytes += span.getSerializedSize();
        }
      }
    }
    return bytes;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
