package dev.tailgate.pipeline.wire;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Signal;
import java.util.List;

/**
 * Remembers the protobuf encoding a message arrived in, so that an exporter forwarding it unchanged
 * sends those bytes instead of serializing the message again — re-encoding costs about as much as
 * parsing. Sound because protobuf messages are immutable: a processor that changes data builds a
 * new message, which has no remembered form and is serialized as usual.
 *
 * <p>Keys are held weakly and compared by identity, so an entry lives exactly as long as its
 * message. Batches merged from remembered parts are remembered as the concatenation of the parts'
 * bytes: an OTLP export request is one repeated field, so concatenated encodings are the encoding
 * of the merged request (a rope, no copy).
 */
public final class EncodedForms {
  private final Cache<Object, ByteString> forms =
      Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

  public void remember(Object message, ByteString encoded) {
    forms.put(message, encoded);
  }

  /** The bytes {@code message} arrived in, or null when it was built or changed here. */
  public ByteString encodedOrNull(Object message) {
    return forms.getIfPresent(message);
  }

  /** {@link Signal#merge}, remembering the merged encoding when every part has one. */
  public <T> T merge(Signal<T> signal, List<T> parts) {
    T merged = signal.merge(parts);
    if (parts.size() < 2) {
      return merged;
    }
    ByteString encoded = ByteString.EMPTY;
    for (T part : parts) {
      ByteString form = forms.getIfPresent(part);
      if (form == null) {
        return merged;
      }
      encoded = encoded.concat(form);
    }
    forms.put(merged, encoded);
    return merged;
  }
}
