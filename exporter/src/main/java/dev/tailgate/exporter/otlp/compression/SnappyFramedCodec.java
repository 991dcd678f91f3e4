package dev.tailgate.exporter.otlp.compression;

import io.grpc.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * gRPC message encoding "snappy" in the snappy <em>framing</em> format (stream identifier, then
 * checksummed chunks of at most 64 KiB), not the raw block format. The Collector's configgrpc
 * registers "snappy" with golang/snappy's NewBufferedWriter / NewReader, which write and demand
 * that format; confighttp's "snappy" Content-Encoding is the block format instead
 * ("x-snappy-framed" is framed there), so the two transports differ. Decompresses too, because a
 * grpc-go server answers in the encoding of the request.
 */
public final class SnappyFramedCodec implements Codec {
  public static final String NAME = "snappy";

  @Override
  public String getMessageEncoding() {
    return NAME;
  }

  @Override
  public OutputStream compress(OutputStream os) throws IOException {
    return new SnappyFramedOutputStream(os);
  }

  @Override
  public InputStream decompress(InputStream is) throws IOException {
    return new SnappyFramedInputStream(is);
  }
}
