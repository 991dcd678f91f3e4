package dev.tailgate.exporter.jaeger;

import dev.tailgate.exporter.jaeger.proto.CollectorServiceGrpc;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.client.grpc.GrpcStatusClassifier;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One attempt at a batch: a {@code PostSpans} call per resource, in order, all within the timeout.
 * A failed call fails the attempt, so a retry sends the resources before it again: delivery is at
 * least once, as with any retried export.
 */
final class JaegerGrpcSender implements Sender<ExportTraceServiceRequest> {
  private final CollectorServiceGrpc.CollectorServiceBlockingStub collector;
  private final OtlpToJaeger translator;

  JaegerGrpcSender(Channel channel, OtlpToJaeger translator) {
    this.collector = CollectorServiceGrpc.newBlockingStub(channel);
    this.translator = translator;
  }

  @Override
  public void send(Batch<ExportTraceServiceRequest> batch, Duration timeout) {
    CollectorServiceGrpc.CollectorServiceBlockingStub call =
        collector.withDeadline(Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS));
    for (var jaegerBatch : translator.translate(batch.request())) {
      try {
        call.postSpans(PostSpansRequest.newBuilder().setBatch(jaegerBatch).build());
      } catch (StatusRuntimeException e) {
        throw GrpcStatusClassifier.classify(e);
      }
    }
  }
}
