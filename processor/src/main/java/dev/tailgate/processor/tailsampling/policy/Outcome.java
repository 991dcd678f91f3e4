package dev.tailgate.processor.tailsampling.policy;

/**
 * What one policy says about a trace. Combined: any DROP wins, else any SAMPLE keeps, else not
 * sampled.
 */
public enum Outcome {
  SAMPLE,
  NOT_SAMPLE,
  DROP
}
