package dev.tailgate.exporter.otlp;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.grpc.Codec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * A test backend's codec built straight on a compression library's own streams, independent of the
 * exporter's codecs, that keeps every compressed message as it came over the wire.
 */
final class LibraryCodec implements Codec {
  private interface Wrap<S> {
    S wrap(S stream) throws IOException;
  }

  private final String name;
  private final Wrap<OutputStream> compressing;
  private final Wrap<InputStream> decompressing;
  private final List<byte[]> received = new ArrayList<>();

  private LibraryCodec(
      String name, Wrap<OutputStream> compressing, Wrap<InputStream> decompressing) {
    this.name = name;
    this.compressing = compressing;
    this.decompressing = decompressing;
  }

  static LibraryCodec zstd() {
    return new LibraryCodec("zstd", ZstdOutputStream::new, ZstdInputStream::new);
  }

  /**
   * The snappy framing format, as golang/snappy's Reader (the Collector's gRPC "snappy") reads it.
   */
  static LibraryCodec snappyFramed() {
    return new LibraryCodec("snappy", SnappyFramedOutputStream::new, SnappyFramedInputStream::new);
  }

  static LibraryCodec gzip() {
    return new LibraryCodec("gzip", GZIPOutputStream::new, GZIPInputStream::new);
  }

  /** The compressed messages received, in order. */
  synchronized List<byte[]> received() {
    return List.copyOf(received);
  }

  @Override
  public String getMessageEncoding() {
    return name;
  }

  @Override
  public OutputStream compress(OutputStream os) throws IOException {
    return compressing.wrap(os);
  }

  @Override
  public InputStream decompress(InputStream is) throws IOException {
    byte[] wire = is.readAllBytes();
    synchronized (this) {
      received.add(wire);
    }
    return decompressing.wrap(new ByteArrayInputStream(wire));
  }
}
