package dev.tailgate.processor.ottl;

/** Reads one field of an item: a plain value (see {@link Values}) or a raw OTLP one. */
@FunctionalInterface
interface Getter<I> {
  Object get(I item);
}
