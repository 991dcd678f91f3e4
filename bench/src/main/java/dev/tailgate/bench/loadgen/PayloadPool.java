package dev.tailgate.bench.loadgen;

import dev.tailgate.bench.PayloadFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * A few distinct requests, serialized once up front, so the generator spends its CPU on sending
 * rather than encoding, and the receiver does not see one request repeated.
 */
public final class PayloadPool {
  private final byte[][] encoded;
  private final int spansPerRequest;

  public PayloadPool(PayloadFactory factory, int size, long seed) {
    List<ExportTraceServiceRequest> requests = factory.createPool(size, seed);
    this.encoded = new byte[size][];
    for (int i = 0; i < size; i++) {
      encoded[i] = requests.get(i).toByteArray();
    }
    this.spansPerRequest = factory.spansPerRequest();
  }

  public byte[] encoded(int index) {
    return encoded[Math.floorMod(index, encoded.length)];
  }

  public int size() {
    return encoded.length;
  }

  public int spansPerRequest() {
    return spansPerRequest;
  }

  public int bytesPerRequest() {
    return encoded[0].length;
  }
}
