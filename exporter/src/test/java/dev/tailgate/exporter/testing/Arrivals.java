package dev.tailgate.exporter.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.wire.WireScanner;

/**
 * Batches as the OTLP receiver makes them from a request body: the bytes kept as they came and
 * their items counted by the wire scan, unparsed. An exporter fed these parses only if it has to.
 */
public final class Arrivals {
  private Arrivals() {}

  /** Throws InvalidProtocolBufferException, as the receiver refuses it, when the scan does. */
  public static <T> Batch<T> of(Signal<T> signal, ByteString body)
      throws InvalidProtocolBufferException {
    return Batch.ofWire(signal, body, WireScanner.of(signal).scan(body).items(), Lease.NONE);
  }
}
