package dev.tailgate.receiver.otlp;

import com.github.luben.zstd.ZstdInputStream;
import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The gRPC message encodings the OTLP receiver reads: gRPC's own gzip, and "zstd" and "snappy" (the
 * snappy framing format) under the names and in the formats the Collector's configgrpc sends them,
 * so a Collector or another Tailgate can forward compressed. gRPC stops a message that decompresses
 * past {@code max_recv_msg_size_mib}; the receiver's marshaller pays for it in the memory budget as
 * it grows. The registry is the server's own: gRPC's default one is not changed.
 */
final class GrpcDecompressors {
  private GrpcDecompressors() {}

  static DecompressorRegistry registry() {
    return DecompressorRegistry.getDefaultInstance()
        .with(new ZstdDecompressor(), true)
        .with(new SnappyDecompressor(), true);
  }

  private static final class ZstdDecompressor implements Decompressor {
    @Override
    public String getMessageEncoding() {
      return "zstd";
    }

    @Override
    public InputStream decompress(InputStream is) throws IOException {
      return new ZstdInputStream(is).setLongMax(ContentDecoding.ZSTD_MAX_WINDOW_LOG);
    }
  }

  private static final class SnappyDecompressor implements Decompressor {
    @Override
    public String getMessageEncoding() {
      return "snappy";
    }

    @Override
    public InputStream decompress(InputStream is) {
      return new SnappyFramedReader(is);
    }
  }
}
