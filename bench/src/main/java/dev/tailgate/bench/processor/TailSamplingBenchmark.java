package dev.tailgate.bench.processor;

import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Spans per second through tail_sampling: each invocation buffers one request of 100 spans (about
 * 13 traces) and decides the traces that arrived {@code DECISION_WAIT_STEPS} requests earlier with
 * five policies, marking and passing on the kept ones; so the buffer holds a steady 1,600 spans,
 * and the score covers ingest, decision and output. Heap per buffered span is measured by {@link
 * BufferedSpanHeap}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TailSamplingBenchmark {
  static final int SPANS_PER_REQUEST = 100;
  private static final int DECISION_WAIT_STEPS = 16;
  private static final Duration STEP = Duration.ofMillis(1);
  private static final int POOL = 1024;

  /**
   * Whether kept spans get tailsampling.policy and the tracestate threshold (a rebuild of each kept
   * span).
   */
  @Param({"true", "false"})
  public boolean markSpans;

  private List<ExportTraceServiceRequest> requests;
  private BenchClock clock;
  private TailSamplingProcessor processor;
  private long keptSpans;
  private int next;

  @Setup
  public void setUp() {
    requests = new PayloadFactory(SPANS_PER_REQUEST, 10).createPool(POOL, 42);
    clock = new BenchClock();
    processor =
        TailSamplingSetup.processor(
            TailSamplingSetup.config(
                STEP.toMillis() * DECISION_WAIT_STEPS, 1_000_000, 10_000_000, markSpans),
            clock,
            batch -> keptSpans += batch.items());
  }

  @Benchmark
  @OperationsPerInvocation(SPANS_PER_REQUEST)
  public void ingestAndDecide() {
    // The pool repeats trace ids only after their traces were decided and forgotten (no decision
    // cache).
    processor.consume(Batch.of(Signal.TRACES, requests.get(next)));
    next = (next + 1) % POOL;
    clock.advance(STEP);
    processor.decideDue();
  }

  @TearDown
  public void tearDown() {
    processor.shutdown();
    System.out.printf("%n(kept %d spans in this trial)%n", keptSpans);
  }
}
