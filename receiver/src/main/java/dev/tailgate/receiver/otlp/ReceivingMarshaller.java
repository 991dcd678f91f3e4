package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads OTLP/gRPC request messages as bytes, paying for them in the memory budget before they are
 * copied onto the heap (gRPC holds them off-heap until then): an uncompressed message's length is
 * known up front, a decompressed one is paid for as its buffer grows. Nothing is parsed here; the
 * ingest scans the bytes.
 */
final class ReceivingMarshaller implements MethodDescriptor.Marshaller<Received> {
  private static final int FIRST_BUFFER = 64 * 1024;

  private final MemoryBudget budget;

  ReceivingMarshaller(MemoryBudget budget) {
    this.budget = budget;
  }

  @Override
  public InputStream stream(Received value) {
    // Only the server side of the method is used: requests are never sent from here.
    throw new UnsupportedOperationException("the OTLP receiver does not send requests");
  }

  @Override
  public Received parse(InputStream stream) {
    try {
      if (stream instanceof KnownLength) {
        int length = stream.available();
        Lease lease = budget.tryReserve(length);
        if (lease == null) {
          return spent(length);
        }
        byte[] bytes = stream.readNBytes(length);
        return Received.of(bytes, bytes.length, lease);
      }
      return readGrowing(stream);
    } catch (IOException e) {
      return Received.refused(
          Status.INVALID_ARGUMENT
              .withDescription("cannot read the request: " + e.getMessage())
              .asRuntimeException());
    } catch (StatusRuntimeException e) {
      // gRPC stops a compressed message that decompresses past max_recv_msg_size_mib from inside
      // the read (RESOURCE_EXHAUSTED); thrown out of parse, it would reach the client as UNKNOWN.
      return Received.refused(e);
    }
  }

  private Received readGrowing(InputStream stream) throws IOException {
    Lease lease = budget.tryReserve(FIRST_BUFFER);
    if (lease == null) {
      return spent(FIRST_BUFFER);
    }
    try {
      return readGrowing(stream, lease);
    } catch (IOException | RuntimeException e) {
      lease.release();
      throw e;
    }
  }

  private Received readGrowing(InputStream stream, Lease lease) throws IOException {
    byte[] buffer = new byte[FIRST_BUFFER];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        long grown = Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8);
        if (!lease.resize(length + grown)) {
          lease.release();
          return spent(length + grown);
        }
        buffer = Arrays.copyOf(buffer, (int) grown);
        lease.resize(grown);
      }
      int read = stream.read(buffer, length, buffer.length - length);
      if (read < 0) {
        return Received.of(buffer, length, lease);
      }
      length += read;
    }
  }

  private static Received spent(long bytes) {
    return Received.refused(
        GrpcStatuses.of(
            OtlpIngest.memorySpent(
                "the gateway's memory budget is spent (" + bytes + " bytes needed); retry later")));
  }
}
