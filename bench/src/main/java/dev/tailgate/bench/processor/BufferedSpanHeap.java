package dev.tailgate.bench.processor;

import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Heap held per span waiting in tail_sampling, against the span's encoded size: fills a processor
 * whose decision_wait never ends with N spans, handed over as the receivers hand them (the received
 * bytes, not parsed), and compares used heap after full GCs. The buffer keeps each span as a slice
 * of those bytes, so the request's own bytes (resource, scope, framing) count too: the second
 * column is what the ratio is against, the third what was received.
 *
 * <p>{@code java -cp bench/target/tailgate-bench.jar dev.tailgate.bench.processor.BufferedSpanHeap
 * [spans]}
 */
public final class BufferedSpanHeap {
  private BufferedSpanHeap() {}

  public static void main(String[] args) throws Exception {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    System.out.printf(
        "%9s %14s %15s %15s %8s%n",
        "spans", "span bytes/sp", "request b/span", "heap b/span", "ratio");
    measure(spans);
  }

  private static void measure(int spans) throws IOException {
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
      ExportTraceServiceRequest request = payloads.create(1_000 + i);
      byte[] encoded = request.toByteArray();
      requestBytes += encoded.length;
      spanBytes += encodedSpanBytes(request);
      processor.consume(
          Batch.ofWire(
              Signal.TRACES,
              UnsafeByteOperations.unsafeWrap(encoded),
              TailSamplingBenchmark.SPANS_PER_REQUEST,
              Lease.NONE));
    }
    long held = usedHeapAfterGc() - before;
    if (passedOn[0] > 0) {
      throw new IllegalStateException(
          passedOn[0] + " spans were decided while measuring; nothing should be");
    }
    int buffered = requests * TailSamplingBenchmark.SPANS_PER_REQUEST;
    System.out.printf(
        "%9d %14.0f %15.0f %15.0f %8.2f%n",
        buffered,
        (double) spanBytes / buffered,
        (double) requestBytes / buffered,
        (double) held / buffered,
        (double) held / spanBytes);
    processor.shutdown();
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
