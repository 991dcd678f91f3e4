package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.Signal;

/** Checks the items of one request, keeping the valid ones; also counts them, in the same pass. */
@FunctionalInterface
interface ItemValidator<T> {
  Validated<T> validate(T request);

  /** For signals whose items need no check here. */
  static <T> ItemValidator<T> countOnly(Signal<T> signal) {
    return request -> Validated.allValid(request, signal.count(request));
  }
}
