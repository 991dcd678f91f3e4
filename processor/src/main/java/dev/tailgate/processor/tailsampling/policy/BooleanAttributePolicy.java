package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;

/** {@code boolean_attribute}: see {@link BooleanAttributeConfig}. */
final class BooleanAttributePolicy implements Policy {
  private final String name;
  private final String key;
  private final boolean value;
  private final boolean invertMatch;

  BooleanAttributePolicy(String name, String key, boolean value, boolean invertMatch) {
    this.name = name;
    this.key = key;
    this.value = value;
    this.invertMatch = invertMatch;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    boolean found = AttributeValues.anyMatches(trace, key, this::isWanted);
    return Decision.of(found != invertMatch);
  }

  private boolean isWanted(AnyValue attribute) {
    return attribute.hasBoolValue() && attribute.getBoolValue() == value;
  }
}
