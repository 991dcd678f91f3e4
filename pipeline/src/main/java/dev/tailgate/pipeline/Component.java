package dev.tailgate.pipeline;

/**
 * Lifecycle of every receiver, processor and exporter. {@link #shutdown()} is idempotent, safe to
 * call without {@link #start()}, and flushes: data a component accepted is passed on (or, for an
 * exporter, sent) before it returns, as far as the drain deadline allows.
 *
 * <p><b>Threads.</b> The service graph calls both from its lifecycle thread, never while another
 * lifecycle call on the same component runs: {@code start} in reverse data order (exporters first),
 * {@code shutdown} in data order, the exporters' at the same time on threads of their own; a config
 * reload stops and replaces one receiver or exporter on its own thread. Data may still arrive
 * during {@code shutdown} (from a component upstream that is draining); a component refuses it
 * retryably once it can no longer pass it on. {@code shutdown} blocks until drained or until {@link
 * ComponentSettings#shutdown() the shutdown's deadline}, never longer.
 */
public interface Component {
  default void start() {}

  default void shutdown() {}
}
