package dev.tailgate.bench.loadgen;

import dev.tailgate.bench.PayloadFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A few distinct requests, serialized once up front, so the generator spends its CPU on sending
 * rather than encoding, and the receiver does not see one request repeated. With fresh trace ids,
 * each request is a copy whose trace ids are overwritten in place (spans of one trace keep sharing
 * one new id), which costs a copy instead of an encoding.
 */
public final class PayloadPool {
  private final byte[][] encoded;

  /** Per payload: for each of its traces, the offsets of that trace's id bytes. */
  private final int[][][] traceIdOffsets;

  private final int spansPerRequest;
  private final boolean freshTraceIds;

  public PayloadPool(PayloadFactory factory, int size, long seed) {
    this(factory, size, seed, false);
  }

  public PayloadPool(PayloadFactory factory, int size, long seed, boolean freshTraceIds) {
    List<ExportTraceServiceRequest> requests = factory.createPool(size, seed);
    this.encoded = new byte[size][];
    this.traceIdOffsets = new int[size][][];
    for (int i = 0; i < size; i++) {
      encoded[i] = requests.get(i).toByteArray();
      traceIdOffsets[i] = offsetsOfTraceIds(requests.get(i), encoded[i]);
    }
    this.spansPerRequest = factory.spansPerRequest();
    this.freshTraceIds = freshTraceIds;
  }

  /** The bytes to send as request {@code index}: shared unless trace ids are fresh. */
  public byte[] encoded(int index) {
    int slot = Math.floorMod(index, encoded.length);
    if (!freshTraceIds) {
      return encoded[slot];
    }
    byte[] copy = encoded[slot].clone();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int[] offsets : traceIdOffsets[slot]) {
      long high = random.nextLong();
      long low = random.nextLong();
      for (int offset : offsets) {
        ByteBuffer.wrap(copy, offset, 16).putLong(high).putLong(low);
      }
    }
    return copy;
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

  /**
   * Finds each trace id in the encoding by its bytes (16 random bytes do not occur by chance),
   * grouped by trace.
   */
  private static int[][] offsetsOfTraceIds(ExportTraceServiceRequest request, byte[] bytes) {
    Map<ByteBuffer, List<Integer>> byTrace = new LinkedHashMap<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          byTrace.putIfAbsent(span.getTraceId().asReadOnlyByteBuffer(), new ArrayList<>());
        }
      }
    }
    for (Map.Entry<ByteBuffer, List<Integer>> trace : byTrace.entrySet()) {
      byte[] id = new byte[16];
      trace.getKey().duplicate().get(id);
      for (int at = indexOf(bytes, id, 0); at >= 0; at = indexOf(bytes, id, at + 16)) {
        trace.getValue().add(at);
      }
    }
    return byTrace.values().stream()
        .map(offsets -> offsets.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
