package dev.tailgate.processor.tailsampling.policy;

/**
 * {@code trace_flags}: see {@link TraceFlagsConfig}. The W3C trace flags are the low 8 bits of a
 * span's {@code flags}; the sampled flag is their lowest bit. The spans are parsed to read them.
 */
final class TraceFlagsPolicy implements Policy {
  private static final int SAMPLED = 0x01;

  private final String name;

  TraceFlagsPolicy(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    for (SpanRef ref : trace.spans()) {
      if ((ref.span().getFlags() & SAMPLED) != 0) {
        return Decision.SAMPLE;
      }
    }
    return Decision.NOT_SAMPLE;
  }
}
