package dev.tailgate.processor.tailsampling;

/**
 * What became of a trace: kept or not, and when kept, the policy that kept it and the probability
 * with which that policy keeps traces like it.
 */
record SamplingVerdict(boolean sampled, String policy, double probability) {
  static final SamplingVerdict NOT_SAMPLED = new SamplingVerdict(false, "", 0);

  static SamplingVerdict sampledBy(String policy, double probability) {
    return new SamplingVerdict(true, policy, probability);
  }
}
