package dev.tailgate.processor.tailsampling.policy;

/**
 * One policy's verdict. A SAMPLE carries the probability with which this policy keeps traces like
 * this one (1 for always_sample, status_code, latency...; p for probabilistic; 1/rate for dynamic),
 * so kept spans can carry the OpenTelemetry {@code ot=th:} threshold and downstream can
 * extrapolate.
 */
public record Decision(Outcome outcome, double probability) {
  public static final Decision SAMPLE = new Decision(Outcome.SAMPLE, 1.0);
  public static final Decision NOT_SAMPLE = new Decision(Outcome.NOT_SAMPLE, 0.0);
  public static final Decision DROP = new Decision(Outcome.DROP, 0.0);

  public Decision {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability " + probability + " is outside [0, 1]");
    }
  }

  public static Decision sampledWithProbability(double probability) {
    return new Decision(Outcome.SAMPLE, probability);
  }

  public static Decision of(boolean sampled) {
    return sampled ? SAMPLE : NOT_SAMPLE;
  }
}
