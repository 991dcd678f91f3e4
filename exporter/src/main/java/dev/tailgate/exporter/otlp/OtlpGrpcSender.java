package dev.tailgate.exporter.otlp;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.OtlpService;
import dev.tailgate.pipeline.client.grpc.GrpcStatusClassifier;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One blocking OTLP Export call per batch; the exporter helper around it queues and retries. The
 * batch goes out in its wire form (see {@link WireMarshaller}): the otlp exporter never looks
 * inside the data, so it never parses it.
 */
final class OtlpGrpcSender<T, R> implements Sender<T> {
  private final CallHeaders channels;
  private final OtlpService<T, R> service;
  private final MethodDescriptor<Batch<T>, R> descriptor;
  private final String encoding;
  private final PartialSuccessReporter partialSuccess;

  /**
   * {@code encoding} is a compressor registered on {@code channel}, or null to send uncompressed.
   */
  OtlpGrpcSender(
      CallHeaders channels,
      OtlpService<T, R> service,
      String encoding,
      PartialSuccessReporter partialSuccess) {
    this.channels = channels;
    this.service = service;
    this.descriptor = WireMarshaller.sending(service.export());
    this.encoding = encoding;
    this.partialSuccess = partialSuccess;
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (encoding != null) {
      options = options.withCompression(encoding);
    }
    R response;
    try {
      response =
          ClientCalls.blockingUnaryCall(
              channels.channelFor(batch.tenant()), descriptor, options, batch);
    } catch (StatusRuntimeException e) {
      throw GrpcStatusClassifier.classify(e);
    }
    OtlpService.PartialSuccessShape<R> shape = service.partialSuccess();
    partialSuccess.report(new PartialSuccess(shape.rejected(response), shape.message(response)));
  }
}
