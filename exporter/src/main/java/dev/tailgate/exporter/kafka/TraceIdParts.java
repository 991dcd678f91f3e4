package dev.tailgate.exporter.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.wire.ItemsByTraceId;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a trace or logs batch keyed by trace id, split from the batch's bytes: the batch is
 * never parsed for it (see {@link ItemsByTraceId}).
 */
final class TraceIdParts {
  private TraceIdParts() {}

  static <T> List<Keyed<T>> of(ItemsByTraceId items, Batch<T> batch) {
    List<ItemsByTraceId.Part> parts;
    try {
      parts = items.split(batch.wire());
    } catch (InvalidProtocolBufferException e) {
      // Receivers let in only requests that scan, so this is a bug upstream; retrying cannot help.
      throw new PermanentException(
          "the batch cannot be read as OTLP to key it by trace id: " + e.getMessage(), e);
    }
    List<Keyed<T>> keyed = new ArrayList<>(parts.size());
    for (ItemsByTraceId.Part part : parts) {
      byte[] key = TraceIdKeys.of(part.traceId());
      keyed.add(part.whole() ? Keyed.whole(key) : Keyed.encoded(key, part.request(), part.items()));
    }
    return keyed;
  }
}
