package dev.tailgate.processor.ottl;

import java.util.function.Function;

/** A path a context knows: how to read it, and whether {@code [key]}s may follow it. */
record Field<I>(Getter<I> getter, boolean indexable) {
  static <I> Field<I> of(Getter<I> getter) {
    return new Field<>(getter, false);
  }

  static <I> Field<I> indexable(Getter<I> getter) {
    return new Field<>(getter, true);
  }

  /** The same field read from a related item, e.g. a span event's span. */
  <O> Field<O> from(Function<O, I> related) {
    Getter<I> inner = getter;
    return new Field<>(item -> inner.get(related.apply(item)), indexable);
  }
}
