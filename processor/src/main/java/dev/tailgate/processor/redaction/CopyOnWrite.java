package dev.tailgate.processor.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Maps a list of immutable messages, copying it only once an element actually changed: rebuilding a
 * protobuf message costs about as much as parsing it, so unchanged data must stay the same
 * instances all the way up (which also lets exporters reuse the bytes it arrived in).
 */
final class CopyOnWrite {
  private CopyOnWrite() {}

  /** The same list when {@code redact} returned every element itself, else a new list. */
  static <E> List<E> map(List<E> items, UnaryOperator<E> redact) {
    List<E> out = null;
    int size = items.size();
    for (int i = 0; i < size; i++) {
      E item = items.get(i);
      E result = redact.apply(item);
      if (out == null && result != item) {
        out = new ArrayList<>(size);
        out.addAll(items.subList(0, i));
      }
      if (out != null) {
        out.add(result);
      }
    }
    return out == null ? items : out;
  }
}
