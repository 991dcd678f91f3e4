package dev.tailgate.processor.tailsampling.policy;

import java.util.List;
import java.util.Set;

/** {@code trace_state}: see {@link TraceStateConfig}. */
final class TraceStatePolicy implements Policy {
  private final String name;
  private final String key;
  private final Set<String> values;

  TraceStatePolicy(String name, String key, List<String> values) {
    this.name = name;
    this.key = key;
    this.values = Set.copyOf(values);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    for (SpanRef ref : trace.spans()) {
      if (hasWantedEntry(ref.span().getTraceState())) {
        return Decision.SAMPLE;
      }
    }
    return Decision.NOT_SAMPLE;
  }

  /** W3C tracestate: comma-separated {@code key=value} members, optional spaces around them. */
  private boolean hasWantedEntry(String traceState) {
    if (traceState.isEmpty()) {
      return false;
    }
    for (String member : traceState.split(",")) {
      int equals = member.indexOf('=');
      if (equals > 0
          && member.substring(0, equals).trim().equals(key)
          && values.contains(member.substring(equals + 1).trim())) {
        return true;
      }
    }
    return false;
  }
}
