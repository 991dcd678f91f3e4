package dev.tailgate.processor.tailsampling.policy;

import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.ErrorMode;
import dev.tailgate.processor.ottl.OttlContext;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds policies from validated configs. Each call builds new instances, so stateful policies
 * (rate and bytes limits, composite shares, dynamic counts) start fresh on a reload.
 */
public final class PolicyFactory {
  private static final Logger log = LoggerFactory.getLogger(PolicyFactory.class);
  private final Clock clock;

  public PolicyFactory(Clock clock) {
    this.clock = clock;
  }

  public List<Policy> create(List<PolicyConfig> configs) {
    return configs.stream().map(this::create).toList();
  }

  public Policy create(PolicyConfig config) {
    PolicyType type =
        config
            .policyType()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "policy \""
                            + config.name()
                            + "\": unknown type \""
                            + config.type()
                            + "\""));
    if (config.settings(type) == null) {
      throw new IllegalArgumentException(
          "policy \"" + config.name() + "\": missing " + type.key() + " settings");
    }
    String name = config.name();
    return switch (type) {
      case ALWAYS_SAMPLE -> new AlwaysSamplePolicy(name);
      case LATENCY ->
          new LatencyPolicy(
              name, config.latency().thresholdMs(), config.latency().upperThresholdMs());
      case STATUS_CODE -> new StatusCodePolicy(name, config.statusCode().statusCodes());
      case PROBABILISTIC ->
          new ProbabilisticPolicy(
              name, config.probabilistic().hashSalt(), config.probabilistic().samplingPercentage());
      case STRING_ATTRIBUTE -> stringAttribute(name, config.stringAttribute());
      case NUMERIC_ATTRIBUTE -> {
        NumericAttributeConfig c = config.numericAttribute();
        yield new NumericAttributePolicy(
            name, c.key(), c.lowerBound(), c.upperBound(), c.invertMatch());
      }
      case BOOLEAN_ATTRIBUTE -> {
        BooleanAttributeConfig c = config.booleanAttribute();
        yield new BooleanAttributePolicy(name, c.key(), c.value(), c.invertMatch());
      }
      case SPAN_COUNT ->
          new SpanCountPolicy(name, config.spanCount().minSpans(), config.spanCount().maxSpans());
      case TRACE_STATE ->
          new TraceStatePolicy(name, config.traceState().key(), config.traceState().values());
      case TRACE_FLAGS -> new TraceFlagsPolicy(name);
      case RATE_LIMITING ->
          new RateLimitingPolicy(
              name,
              clock,
              config.rateLimiting().spansPerSecond(),
              config.rateLimiting().burstCapacity());
      case BYTES_LIMITING ->
          new BytesLimitingPolicy(
              name,
              clock,
              config.bytesLimiting().bytesPerSecond(),
              config.bytesLimiting().burstCapacity());
      case AND -> new AndPolicy(name, create(config.and().andSubPolicy()));
      case NOT -> new NotPolicy(name, create(config.notPolicy().notSubPolicy()));
      case DROP -> new DropPolicy(name, create(config.drop().dropSubPolicy()));
      case COMPOSITE -> composite(name, config.composite());
      case DYNAMIC -> new DynamicPolicy(name, clock, config.dynamic());
      case OTTL_CONDITION -> ottlCondition(name, config.ottlCondition());
    };
  }

  private static Policy stringAttribute(String name, StringAttributeConfig c) {
    StringMatcher matcher =
        c.enabledRegexMatching()
            ? StringMatcher.regex(c.values(), c.cacheMaxSize())
            : StringMatcher.exact(c.values());
    return new StringAttributePolicy(name, c.key(), matcher, c.invertMatch());
  }

  private static Policy ottlCondition(String name, OttlConditionConfig c) {
    Conditions.ErrorListener listener =
        (condition, error) -> {
          // The decider logs and counts what propagates; ignore logs here, silent says nothing.
          if (c.errorMode() == ErrorMode.IGNORE) {
            log.warn(
                "tail_sampling policy {}: condition {} failed on a span: {}",
                name,
                condition.text(),
                error.getMessage());
          }
        };
    return new OttlConditionPolicy(
        name,
        Conditions.parse(c.span(), OttlContext.SPAN, c.errorMode(), listener),
        Conditions.parse(c.spanevent(), OttlContext.SPANEVENT, c.errorMode(), listener));
  }

  private Policy composite(String name, CompositeConfig c) {
    List<CompositePolicy.Share> shares =
        c.orderedSubPolicies().stream()
            .map(sub -> new CompositePolicy.Share(create(sub), c.spansPerSecondFor(sub.name())))
            .toList();
    return new CompositePolicy(name, clock, c.maxTotalSpansPerSecond(), shares);
  }
}
