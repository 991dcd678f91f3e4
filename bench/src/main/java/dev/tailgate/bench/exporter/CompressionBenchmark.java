package dev.tailgate.bench.exporter;

import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.exporter.otlp.compression.GzipCompressor;
import dev.tailgate.exporter.otlp.compression.SnappyFramedCodec;
import dev.tailgate.exporter.otlp.compression.ZstdCodec;
import io.grpc.Codec;
import io.grpc.Compressor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * The otlp exporter's request compressions, through the very gRPC {@link Compressor}s it registers
 * on its channel, on a batch of {@code batchedRequests} distinct {@link PayloadFactory} requests
 * (100 spans x 10 attributes each) concatenated as the batch processor concatenates arrivals.
 * {@code batchedRequests=1} is the bench's standard request; 82 is about the gateway's 8192-span
 * batch. Reported in ns per batch: divide by {@code 100 * batchedRequests} for ns per span. The
 * compressed size of the batch is printed once per trial, as a line starting with "# ratio".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompressionBenchmark {
  private static final int SPANS_PER_REQUEST = 100;
  private static final int ATTRIBUTES_PER_SPAN = 10;

  @Param({"none", "gzip", "gzip-1", "zstd", "zstd-1", "snappy"})
  public String codec;

  @Param({"1", "82"})
  public int batchedRequests;

  private byte[] batch;
  private Compressor compressor;
  private final Discard sink = new Discard();

  @Setup
  public void setUp() throws IOException {
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    for (ExportTraceServiceRequest request :
        new PayloadFactory(SPANS_PER_REQUEST, ATTRIBUTES_PER_SPAN)
            .createPool(batchedRequests, 42)) {
      request.writeTo(concatenated);
    }
    batch = concatenated.toByteArray();
    compressor = compressorNamed(codec);
    long compressed = compress();
    System.out.printf(
        "# ratio codec=%s spans=%d bytes=%d compressed=%d ratio=%.2f%n",
        codec,
        SPANS_PER_REQUEST * batchedRequests,
        batch.length,
        compressed,
        (double) batch.length / compressed);
  }

  @Benchmark
  public long compress() throws IOException {
    sink.count = 0;
    try (OutputStream out = compressor.compress(sink)) {
      out.write(batch);
    }
    return sink.count;
  }

  static Compressor compressorNamed(String name) {
    return switch (name) {
      case "none" -> Codec.Identity.NONE;
      case "gzip" -> new GzipCompressor(GzipCompressor.DEFAULT_LEVEL);
      case "gzip-1" -> new GzipCompressor(1);
      case "zstd" -> new ZstdCodec(ZstdCodec.DEFAULT_LEVEL);
      case "zstd-1" -> new ZstdCodec(1);
      case "snappy" -> new SnappyFramedCodec();
      default -> throw new IllegalArgumentException("unknown codec " + name);
    };
  }

  /** Counts what the codec writes and keeps none of it, as cheaply as a sink can. */
  private static final class Discard extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
