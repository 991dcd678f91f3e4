package dev.tailgate.exporter.testing;

import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An OTLP Export method served with its requests as the bytes that came over the wire, not as
 * parsed messages: so a test backend sees exactly what an exporter sent, including what
 * protobuf-java would refuse to parse (strings that are not UTF-8).
 */
public final class WireExportService {
  private static final MethodDescriptor.Marshaller<ByteString> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(ByteString value) {
          return value.newInput();
        }

        @Override
        public ByteString parse(InputStream stream) {
          try {
            return ByteString.readFrom(stream);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** The server side of one call: the request bytes, and where its response goes. */
  @FunctionalInterface
  public interface Handler<R> {
    void export(ByteString request, StreamObserver<R> response);
  }

  private WireExportService() {}

  /**
   * The service of {@code generated} (e.g. {@code TraceServiceGrpc.getExportMethod()}) with only
   * that method.
   */
  public static <T, R> ServerServiceDefinition of(
      MethodDescriptor<T, R> generated, Handler<R> handler) {
    MethodDescriptor<ByteString, R> method =
        generated.toBuilder(BYTES, generated.getResponseMarshaller()).build();
    return ServerServiceDefinition.builder(generated.getServiceName())
        .addMethod(method, ServerCalls.asyncUnaryCall(handler::export))
        .build();
  }
}
