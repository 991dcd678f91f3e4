package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;

/** {@code string_attribute}: see {@link StringAttributeConfig}. */
final class StringAttributePolicy implements Policy {
  private final String name;
  private final String key;
  private final StringMatcher matcher;
  private final boolean invertMatch;

  StringAttributePolicy(String name, String key, StringMatcher matcher, boolean invertMatch) {
    this.name = name;
    this.key = key;
    this.matcher = matcher;
    this.invertMatch = invertMatch;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    boolean found = AttributeValues.anyMatches(trace, key, this::matches);
    return Decision.of(found != invertMatch);
  }

  private boolean matches(AnyValue value) {
    return value.hasStringValue() && matcher.matches(value.getStringValue());
  }
}
