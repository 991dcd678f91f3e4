package dev.tailgate.pipeline;

/**
 * Lifecycle of every receiver, processor and exporter. {@link #shutdown()} is idempotent, safe to
 * call without {@link #start()}, and flushes: data a component accepted is passed on (or, for an
 * exporter, sent) before it returns, as far as its drain deadline allows.
 */
public interface Component {
  default void start() {}

  default void shutdown() {}
}
