package dev.tailgate.receiver.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.wire.EncodedForms;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses OTLP/gRPC requests like grpc-java's own protobuf marshaller, but keeps the received bytes
 * in {@link EncodedForms} so an unchanged batch is forwarded without being encoded again. Ids are
 * copied out of the buffer (no aliasing), so a span kept longer than its batch (tail sampling)
 * does not keep the whole received request alive.
 */
final class RetainingMarshaller<T extends Message> implements MethodDescriptor.Marshaller<T> {
  private final Parser<T> parser;
  private final MethodDescriptor.Marshaller<T> encoder;
  private final EncodedForms forms;

  RetainingMarshaller(Parser<T> parser, MethodDescriptor.Marshaller<T> encoder, EncodedForms forms) {
    this.parser = parser;
    this.encoder = encoder;
    this.forms = forms;
  }

  @Override
  public InputStream stream(T value) {
    return encoder.stream(value);
  }

  @Override
  public T parse(InputStream stream) {
    try {
      byte[] bytes = stream instanceof KnownLength ? stream.readNBytes(stream.available()) : stream.readAllBytes();
      T message = parser.parseFrom(bytes);
      forms.remember(message, UnsafeByteOperations.unsafeWrap(bytes));
      return message;
    } catch (InvalidProtocolBufferException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("cannot decode the request as protobuf: " + e.getMessage())
          .asRuntimeException();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("cannot read the request: " + e.getMessage()).withCause(e).asRuntimeException();
    }
  }
}
