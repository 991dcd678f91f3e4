package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code status_code}: see {@link StatusCodeConfig}. */
final class StatusCodePolicy implements Policy {
  private final String name;
  private final Set<StatusCode> wanted;

  /** {@code statusCodes} as written in config: OK, ERROR, UNSET. */
  StatusCodePolicy(String name, List<String> statusCodes) {
    this.name = name;
    this.wanted = EnumSet.noneOf(StatusCode.class);
    for (String code : statusCodes) {
      wanted.add(StatusCode.valueOf("STATUS_CODE_" + code));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    for (SpanRef ref : trace.spans()) {
      if (wanted.contains(codeOf(ref))) {
        return Decision.SAMPLE;
      }
    }
    return Decision.NOT_SAMPLE;
  }

  /** A status code this build does not know is read as UNSET, as OTLP asks of receivers. */
  static StatusCode codeOf(SpanRef ref) {
    StatusCode code = StatusCode.forNumber(ref.statusCode());
    return code == null ? StatusCode.STATUS_CODE_UNSET : code;
  }
}
