package dev.tailgate.bench.sink;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.WireScanner;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One signal's OTLP Export method that counts what arrives at the wire level (items by {@link
 * WireScanner}, bytes) without building protobuf objects: a sink that parsed 8192-span requests
 * would spend the benchmark machine's cores on its own garbage collection, not the gateway's.
 */
final class CountingService {
  private CountingService() {}

  static <T, R extends Message> ServerServiceDefinition of(
      MethodDescriptor<T, R> export, Signal<T> signal, SignalCounter counter, R ok) {
    MethodDescriptor<byte[], R> raw =
        export.toBuilder(new RawBytes(), export.getResponseMarshaller()).build();
    WireScanner scanner = WireScanner.of(signal);
    return ServerServiceDefinition.builder(export.getServiceName())
        .addMethod(
            raw,
            ServerCalls.asyncUnaryCall(
                (bytes, reply) -> {
                  try {
                    counter.add(scanner.scan(bytes, 0, bytes.length).items(), bytes.length);
                  } catch (InvalidProtocolBufferException e) {
                    reply.onError(
                        Status.INVALID_ARGUMENT
                            .withDescription(e.getMessage())
                            .asRuntimeException());
                    return;
                  }
                  reply.onNext(ok);
                  reply.onCompleted();
                }))
        .build();
  }

  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
