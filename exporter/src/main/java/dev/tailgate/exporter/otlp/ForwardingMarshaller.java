package dev.tailgate.exporter.otlp;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.wire.EncodedForms;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a request as the bytes it arrived in when the gateway still has them (the batch was not
 * changed on its way), and serializes it with the generated marshaller otherwise.
 */
final class ForwardingMarshaller<T> implements MethodDescriptor.Marshaller<T> {
  private final MethodDescriptor.Marshaller<T> encoder;
  private final EncodedForms forms;

  ForwardingMarshaller(MethodDescriptor.Marshaller<T> encoder, EncodedForms forms) {
    this.encoder = encoder;
    this.forms = forms;
  }

  @Override
  public InputStream stream(T value) {
    ByteString encoded = forms.encodedOrNull(value);
    return encoded == null ? encoder.stream(value) : new EncodedStream(encoded);
  }

  @Override
  public T parse(InputStream stream) {
    return encoder.parse(stream);
  }

  /** Lets gRPC size the frame up front and copy the bytes straight into its buffers. */
  private static final class EncodedStream extends InputStream implements KnownLength, Drainable {
    private InputStream remaining;
    private final ByteString bytes;
    private boolean drained;

    EncodedStream(ByteString bytes) {
      this.bytes = bytes;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      if (drained || remaining != null) {
        throw new IllegalStateException("already read");
      }
      drained = true;
      bytes.writeTo(target);
      return bytes.size();
    }

    @Override
    public int available() throws IOException {
      if (drained) {
        return 0;
      }
      return remaining == null ? bytes.size() : remaining.available();
    }

    @Override
    public int read() throws IOException {
      return stream().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return stream().read(b, off, len);
    }

    private InputStream stream() {
      if (remaining == null) {
        remaining = drained ? InputStream.nullInputStream() : bytes.newInput();
      }
      return remaining;
    }
  }
}
