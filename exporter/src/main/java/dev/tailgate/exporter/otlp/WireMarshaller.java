package dev.tailgate.exporter.otlp;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a batch as its {@link Batch#wire() wire form}: the bytes it arrived in when nothing
 * changed it on its way, so forwarded data leaves byte-identical and without being parsed or
 * serialized. A client's request marshaller only ever writes, so it does not parse.
 */
final class WireMarshaller<T> implements MethodDescriptor.Marshaller<Batch<T>> {

  /** {@code generated} with batches as its requests; responses are still parsed by protobuf. */
  static <T, R> MethodDescriptor<Batch<T>, R> sending(MethodDescriptor<T, R> generated) {
    return generated.toBuilder(new WireMarshaller<T>(), generated.getResponseMarshaller()).build();
  }

  @Override
  public InputStream stream(Batch<T> batch) {
    return new WireStream(batch.wire());
  }

  @Override
  public Batch<T> parse(InputStream stream) {
    throw new UnsupportedOperationException("a client does not receive export requests");
  }

  /** Lets gRPC size the frame up front and copy the bytes straight into its buffers. */
  static final class WireStream extends InputStream implements KnownLength, Drainable {
    private InputStream remaining;
    private final ByteString bytes;
    private boolean drained;

    WireStream(ByteString bytes) {
      this.bytes = bytes;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      if (drained || remaining != null) {
        throw new IllegalStateException("already read");
      }
      drained = true;
      // A rope (a batch of batches) is written piece by piece, without flattening it first.
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
