package dev.tailgate.processor.filter;

/** Drops the matching items of one signal's export request. */
interface ItemFilter<T> {
  /**
   * The request without its matching items: the very same instance when nothing matched, so the
   * batch can go on as its arrival bytes.
   *
   * @throws dev.tailgate.processor.ottl.OttlEvaluationException under error_mode propagate
   */
  T filter(T request);
}
