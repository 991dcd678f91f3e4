package dev.tailgate.bench.floor;

import dev.tailgate.bench.PayloadFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The least work any OTLP-in/OTLP-out gateway must do per request: decode it and encode it again.
 * Reported per request; divide by {@code spansPerRequest} for the floor per span, which is what
 * bench/cpu-per-span.sh compares the gateway's CPU per span against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtobufFloorBenchmark {

  @Param("100")
  public int spansPerRequest;

  @Param("10")
  public int attributesPerSpan;

  private byte[] encoded;

  @Setup
  public void encodePayload() {
    encoded = new PayloadFactory(spansPerRequest, attributesPerSpan).create(42).toByteArray();
  }

  @Benchmark
  public byte[] parseThenSerialize() throws Exception {
    return ExportTraceServiceRequest.parseFrom(encoded).toByteArray();
  }
}
