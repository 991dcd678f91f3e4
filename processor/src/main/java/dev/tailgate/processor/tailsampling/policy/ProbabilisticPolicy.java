package dev.tailgate.processor.tailsampling.policy;

import java.math.BigDecimal;
import java.math.BigInteger;

/** {@code probabilistic}: see {@link ProbabilisticConfig}; the hash is {@link TraceIdHash}. */
final class ProbabilisticPolicy implements Policy {
  private static final BigDecimal TWO_TO_THE_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

  private final String name;
  private final TraceIdHash hash;
  private final double probability;

  /** Kept when the unsigned hash is below this; unused at 0% and 100%, which need no hash. */
  private final long threshold;

  ProbabilisticPolicy(String name, String hashSalt, double samplingPercentage) {
    this.name = name;
    this.hash = new TraceIdHash(hashSalt);
    this.probability = samplingPercentage / 100;
    this.threshold = new BigDecimal(probability).multiply(TWO_TO_THE_64).toBigInteger().longValue();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    if (probability <= 0) {
      return Decision.NOT_SAMPLE;
    }
    if (probability >= 1 || Long.compareUnsigned(hash.hash(trace.traceId()), threshold) < 0) {
      return Decision.sampledWithProbability(probability);
    }
    return Decision.NOT_SAMPLE;
  }
}
