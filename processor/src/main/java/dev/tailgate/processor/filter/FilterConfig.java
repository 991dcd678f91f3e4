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
    @JsonProperty("spans") JsonNode spans,
    @JsonProperty("profiles") JsonNode profiles,
    @JsonProperty("trace_conditions") JsonNode traceConditions,
    @JsonProperty("metric_conditions") JsonNode metricConditions,
    @JsonProperty("log_conditions") JsonNode logConditions,
    @JsonProperty("profile_conditions") JsonNode profileConditions)
    implements Validatable {

  /** What the Collector's deprecated include/exclude blocks become here. */
  static final String LEGACY =
      "the Collector's deprecated include/exclude match form is not supported; write it as OTTL"
          + " conditions of the items to drop, e.g. traces.span:"
          + " ['resource.attributes[\"service.name\"] == \"test\"'],"
          + " metrics.metric: ['IsMatch(name, \"^jvm\")'],"
          + " logs.log_record: ['severity_number < SEVERITY_NUMBER_INFO']";

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
      @JsonProperty("include") JsonNode include,
      @JsonProperty("exclude") JsonNode exclude,
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
      @JsonProperty("include") JsonNode include,
      @JsonProperty("exclude") JsonNode exclude) {
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
    refuseLegacy(errors, "spans", spans);
    refuseLegacy(errors, "metrics.include", metrics.include());
    refuseLegacy(errors, "metrics.exclude", metrics.exclude());
    refuseLegacy(errors, "metrics.regexp", metrics.regexp());
    refuseLegacy(errors, "logs.include", logs.include());
    refuseLegacy(errors, "logs.exclude", logs.exclude());
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

  private static void refuseLegacy(ConfigErrors errors, String key, JsonNode block) {
    if (present(block)) {
      errors.add(key, LEGACY);
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
