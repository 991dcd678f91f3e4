package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * {@code numeric_attribute}: see {@link NumericAttributeConfig}. Integer and double attributes both
 * count (the Collector reads doubles as 0); a double is compared with the bounds as a double.
 */
final class NumericAttributePolicy implements Policy {
  private final String name;
  private final String key;
  private final long min;
  private final long max;
  private final boolean invertMatch;

  NumericAttributePolicy(String name, String key, long min, long max, boolean invertMatch) {
    this.name = name;
    this.key = key;
    this.min = min;
    this.max = max;
    this.invertMatch = invertMatch;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    boolean found = AttributeValues.anyMatches(trace, key, this::inRange);
    return Decision.of(found != invertMatch);
  }

  private boolean inRange(AnyValue value) {
    if (value.hasIntValue()) {
      return value.getIntValue() >= min && value.getIntValue() <= max;
    }
    if (value.hasDoubleValue()) {
      return value.getDoubleValue() >= min && value.getDoubleValue() <= max;
    }
    return false;
  }
}
