package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits export requests into records of at most {@code producer.max_message_bytes} (key and value):
 * a request too big is split by items, keeping resources and scopes, into as many parts as its size
 * asks for, and parts still too big again. One item alone too big can never be written: that is a
 * permanent refusal, not a retry.
 */
final class SizeSplitter<T> {
  private final Signal<T> signal;
  private final KafkaEncoding encoding;
  private final int maxMessageBytes;

  SizeSplitter(Signal<T> signal, KafkaEncoding encoding, int maxMessageBytes) {
    this.signal = signal;
    this.encoding = encoding;
    this.maxMessageBytes = maxMessageBytes;
  }

  boolean fits(byte[] key, long valueBytes) {
    return valueBytes + (key == null ? 0 : key.length) <= maxMessageBytes;
  }

  /**
   * Fits a part split off from a batch's bytes: as it is when binary protobuf is written and it
   * fits, parsed and fitted otherwise.
   */
  List<KafkaMessage> fitEncoded(byte[] key, ByteString request, int items) {
    if (encoding == KafkaEncoding.OTLP_PROTO && fits(key, request.size())) {
      return List.of(new KafkaMessage(key, request, items));
    }
    T parsed;
    try {
      parsed = signal.parse(request);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a part written from a readable batch must parse", e);
    }
    return fit(key, parsed);
  }

  List<KafkaMessage> fit(byte[] key, T request) {
    List<KafkaMessage> out = new ArrayList<>();
    fit(key, request, out);
    return out;
  }

  private void fit(byte[] key, T request, List<KafkaMessage> out) {
    ByteString value = encoding.encode(signal, request);
    int items = signal.count(request);
    if (fits(key, value.size())) {
      out.add(new KafkaMessage(key, value, items));
      return;
    }
    if (items <= 1) {
      throw new PermanentException(
          "one of the "
              + signal.itemName()
              + " is "
              + value.size()
              + " bytes as "
              + encoding.key()
              + ", more than producer.max_message_bytes ("
              + maxMessageBytes
              + "): it cannot be written to Kafka");
    }
    int parts =
        (int)
            Math.min(
                items, Math.max(2, (value.size() + (long) maxMessageBytes - 1) / maxMessageBytes));
    for (T part : signal.split(request, (items + parts - 1) / parts)) {
      fit(key, part, out);
    }
  }
}
