package dev.tailgate.processor.filter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.ErrorMode;
import dev.tailgate.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code filter}: the Collector's filter processor with OTTL conditions. An item matching any
 * condition of its list is dropped. Validation parses every condition and reports each one that
 * does not parse, with its place in the condition, e.g. {@code processors.filter.traces.span[0]: at
 * 17: expected ')' after arguments of IsMatch, ...}.
 */
public record FilterConfig(
    @JsonProperty("error_mode") ErrorMode errorMode,
    @JsonProperty("traces") Traces traces,
    @JsonProperty("metrics") Metrics metrics,
    @JsonProperty("logs") Logs logs,
    @JsonProperty("spans") LegacyMatch.Spans spans,
    @JsonProperty("profiles") JsonNode profiles,
    @JsonProperty("trace_conditions") JsonNode traceConditions,
    @JsonProperty("metric_conditions") JsonNode metricConditions,
    @JsonProperty("log_conditions") JsonNode logConditions,
    @JsonProperty("profile_conditions") JsonNode profileConditions)
    implements Validatable {

  public FilterConfig {
    errorMode = errorMode == null ? ErrorMode.PROPAGATE : errorMode;
    traces = traces == null ? new Traces(null, null, null) : traces;
    metrics = metrics == null ? new Metrics(null, null, null, null, null, null) : metrics;
    logs = logs == null ? new Logs(null, null, null, null) : logs;
  }

  /** The OTTL blocks only. */
  public FilterConfig(ErrorMode errorMode, Traces traces, Metrics metrics, Logs logs) {
    this(errorMode, traces, metrics, logs, null, null, null, null, null, null);
  }

  public static FilterConfig defaults() {
    return new FilterConfig(null, null, null, null);
  }

  /** {@code traces}: conditions on spans and on span events. */
  public record Traces(
      @JsonProperty("span") List<String> span,
      @JsonProperty("spanevent") List<String> spanevent,
      @JsonProperty("resource") List<String> resource) {
    public Traces {
      span = listOrEmpty(span);
      spanevent = listOrEmpty(spanevent);
      resource = listOrEmpty(resource);
    }

    public Traces(List<String> span, List<String> spanevent) {
      this(span, spanevent, null);
    }
  }

  /** {@code metrics}: conditions on whole metrics and on data points. */
  public record Metrics(
      @JsonProperty("metric") List<String> metric,
      @JsonProperty("datapoint") List<String> datapoint,
      @JsonProperty("resource") List<String> resource,
      @JsonProperty("include") LegacyMatch.MetricMatch include,
      @JsonProperty("exclude") LegacyMatch.MetricMatch exclude,
      @JsonProperty("regexp") JsonNode regexp) {
    public Metrics {
      metric = listOrEmpty(metric);
      datapoint = listOrEmpty(datapoint);
      resource = listOrEmpty(resource);
    }

    public Metrics(List<String> metric, List<String> datapoint) {
      this(metric, datapoint, null, null, null, null);
    }
  }

  /** {@code logs}: conditions on log records. */
  public record Logs(
      @JsonProperty("log_record") List<String> logRecord,
      @JsonProperty("resource") List<String> resource,
      @JsonProperty("include") LegacyMatch.LogMatch include,
      @JsonProperty("exclude") LegacyMatch.LogMatch exclude) {
    public Logs {
      logRecord = listOrEmpty(logRecord);
      resource = listOrEmpty(resource);
    }

    public Logs(List<String> logRecord) {
      this(logRecord, null, null, null);
    }
  }

  @Override
  public void validate(ConfigErrors errors) {
    Conditions.validate(traces.span(), OttlContext.SPAN, "traces.span", errors);
    Conditions.validate(traces.spanevent(), OttlContext.SPANEVENT, "traces.spanevent", errors);
    Conditions.validate(metrics.metric(), OttlContext.METRIC, "metrics.metric", errors);
    Conditions.validate(metrics.datapoint(), OttlContext.DATAPOINT, "metrics.datapoint", errors);
    Conditions.validate(logs.logRecord(), OttlContext.LOG, "logs.log_record", errors);
    validateLegacy(errors);
    String resource =
        "has no effect here: the resource context is not supported; write the condition on the"
            + " items with resource.attributes[...] (a resource whose items all go is removed)";
    warnIf(errors, "traces.resource", !traces.resource().isEmpty(), resource);
    warnIf(errors, "metrics.resource", !metrics.resource().isEmpty(), resource);
    warnIf(errors, "logs.resource", !logs.resource().isEmpty(), resource);
    String inferred =
        "has no effect here: conditions with an inferred context are not supported; list them"
            + " per context under traces, metrics and logs";
    warnIf(errors, "trace_conditions", present(traceConditions), inferred);
    warnIf(errors, "metric_conditions", present(metricConditions), inferred);
    warnIf(errors, "log_conditions", present(logConditions), inferred);
    String profilesWhy = "has no effect here: Tailgate carries no profiles";
    warnIf(errors, "profiles", present(profiles), profilesWhy);
    warnIf(errors, "profile_conditions", present(profileConditions), profilesWhy);
  }

  /** The span conditions: {@code traces.span}, or what the deprecated {@code spans} block says. */
  public List<String> spanDropConditions() {
    return withLegacy(traces.span(), spans == null ? null : LegacyMatch.spans(spans, unused()));
  }

  /** The metric conditions: {@code metrics.metric}, or {@code metrics.include/exclude}. */
  public List<String> metricDropConditions() {
    return withLegacy(
        metrics.metric(), LegacyMatch.metrics(metrics.include(), metrics.exclude(), unused()));
  }

  /** The log record conditions: {@code logs.log_record}, or {@code logs.include/exclude}. */
  public List<String> logDropConditions() {
    return withLegacy(logs.logRecord(), LegacyMatch.logs(logs.include(), logs.exclude(), unused()));
  }

  private static List<String> withLegacy(List<String> conditions, String legacy) {
    return legacy == null ? conditions : List.of(legacy);
  }

  /** Problems of a validated config: none, so nobody reads them. */
  private static ConfigErrors unused() {
    return new ConfigErrors();
  }

  /**
   * The deprecated blocks: each is turned into the OTTL condition that drops the same items, and
   * that condition is checked as any other. As in the Collector, a signal takes either form, not
   * both.
   */
  private void validateLegacy(ConfigErrors errors) {
    if (spans != null) {
      String condition = LegacyMatch.spans(spans, errors);
      checkLegacy(errors, "spans", condition, traces.span(), "traces.span", OttlContext.SPAN);
    }
    if (metrics.include() != null || metrics.exclude() != null) {
      String condition = LegacyMatch.metrics(metrics.include(), metrics.exclude(), errors);
      checkLegacy(
          errors, "metrics", condition, metrics.metric(), "metrics.metric", OttlContext.METRIC);
    }
    if (logs.include() != null || logs.exclude() != null) {
      String condition = LegacyMatch.logs(logs.include(), logs.exclude(), errors);
      checkLegacy(errors, "logs", condition, logs.logRecord(), "logs.log_record", OttlContext.LOG);
    }
    warnIf(
        errors,
        "metrics.regexp",
        present(metrics.regexp()),
        "has no effect here: each regex is compiled once and matched in linear time, without a"
            + " cache");
  }

  private static void checkLegacy(
      ConfigErrors errors,
      String key,
      String condition,
      List<String> ottl,
      String ottlKey,
      OttlContext<?> context) {
    errors.check(
        ottl.isEmpty(),
        key,
        "cannot go with " + ottlKey + ": write the include/exclude block as OTTL conditions too");
    if (condition != null) {
      Conditions.validate(List.of(condition), context, key, errors);
    }
  }

  private static void warnIf(ConfigErrors errors, String key, boolean set, String why) {
    if (set) {
      errors.warn(key, why);
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static List<String> listOrEmpty(List<String> list) {
    // Not List.copyOf: a null element (an empty YAML item) must reach validate to be reported.
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
