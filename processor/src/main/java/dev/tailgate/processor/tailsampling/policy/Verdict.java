package dev.tailgate.processor.tailsampling.policy;

/**
 * The combined decision on a trace and the index (in the policy list) of the policy that made it:
 * the first DROP, else the SAMPLE with the highest probability (the first of equals); {@link #NONE}
 * when no policy kept or dropped the trace.
 */
public record Verdict(Decision decision, int policyIndex) {
  public static final int NONE = -1;

  public static final Verdict NOT_SAMPLED = new Verdict(Decision.NOT_SAMPLE, NONE);

  public boolean madeByPolicy() {
    return policyIndex != NONE;
  }
}
