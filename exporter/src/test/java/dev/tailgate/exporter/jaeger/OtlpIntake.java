package dev.tailgate.exporter.jaeger;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.exporter.testing.Arrivals;
import dev.tailgate.exporter.testing.WireExportService;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Signal;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The least OTLP/gRPC trace server on 127.0.0.1 that lets the OpenTelemetry SDK feed an exporter
 * under test: each Export request is handed to {@code exporter} before the reply, as the receiver
 * would hand it on (its bytes, unparsed), so the SDK's flush returns only once the exporter has
 * sent it. Failures are kept for the test to show.
 */
final class OtlpIntake implements AutoCloseable {
  private final Server server;
  private final List<String> failures = new ArrayList<>();

  private OtlpIntake(Consumer<ExportTraceServiceRequest> exporter) throws IOException {
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
            .addService(
                WireExportService.of(
                    TraceServiceGrpc.getExportMethod(),
                    (body, out) -> {
                      try {
                        exporter.consume(Arrivals.of(Signal.TRACES, body));
                      } catch (InvalidProtocolBufferException | RuntimeException e) {
                        synchronized (OtlpIntake.this) {
                          failures.add(e.toString());
                        }
                        out.onError(
                            Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
                        return;
                      }
                      out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                      out.onCompleted();
                    }))
            .build()
            .start();
  }

  static OtlpIntake start(Consumer<ExportTraceServiceRequest> exporter) {
    try {
      return new OtlpIntake(exporter);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OTLP endpoint URL for the SDK's exporter. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
