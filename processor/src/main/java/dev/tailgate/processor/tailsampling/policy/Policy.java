package dev.tailgate.processor.tailsampling.policy;

/**
 * One sampling rule. Policies are built once per config (re-built on reload) by the policy factory
 * from their config; stateful ones (rate_limiting, bytes_limiting, composite, dynamic) keep their
 * state inside and read time from the clock they were built with. Called from one thread at a time.
 */
public interface Policy {
  /** The policy's name from config, reported in {@code tailsampling.policy} and self-metrics. */
  String name();

  Decision evaluate(TraceView trace);

  /**
   * Whether this policy exists to veto (a {@code drop}): with {@code sample_on_first_match} such
   * policies are asked first, so stopping at the first match cannot skip a drop listed later.
   */
  default boolean vetoes() {
    return false;
  }
}
