package dev.tailgate.processor.filter;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    @JsonProperty("logs") Logs logs)
    implements Validatable {

  public FilterConfig {
    errorMode = errorMode == null ? ErrorMode.PROPAGATE : errorMode;
    traces = traces == null ? new Traces(null, null) : traces;
    metrics = metrics == null ? new Metrics(null, null) : metrics;
    logs = logs == null ? new Logs(null) : logs;
  }

  public static FilterConfig defaults() {
    return new FilterConfig(null, null, null, null);
  }

  /** {@code traces}: conditions on spans and on span events. */
  public record Traces(
      @JsonProperty("span") List<String> span, @JsonProperty("spanevent") List<String> spanevent) {
    public Traces {
      span = listOrEmpty(span);
      spanevent = listOrEmpty(spanevent);
    }
  }

  /** {@code metrics}: conditions on whole metrics and on data points. */
  public record Metrics(
      @JsonProperty("metric") List<String> metric,
      @JsonProperty("datapoint") List<String> datapoint) {
    public Metrics {
      metric = listOrEmpty(metric);
      datapoint = listOrEmpty(datapoint);
    }
  }

  /** {@code logs}: conditions on log records. */
  public record Logs(@JsonProperty("log_record") List<String> logRecord) {
    public Logs {
      logRecord = listOrEmpty(logRecord);
    }
  }

  @Override
  public void validate(ConfigErrors errors) {
    Conditions.validate(traces.span(), OttlContext.SPAN, "traces.span", errors);
    Conditions.validate(traces.spanevent(), OttlContext.SPANEVENT, "traces.spanevent", errors);
    Conditions.validate(metrics.metric(), OttlContext.METRIC, "metrics.metric", errors);
    Conditions.validate(metrics.datapoint(), OttlContext.DATAPOINT, "metrics.datapoint", errors);
    Conditions.validate(logs.logRecord(), OttlContext.LOG, "logs.log_record", errors);
  }

  private static List<String> listOrEmpty(List<String> list) {
    // Not List.copyOf: a null element (an empty YAML item) must reach validate to be reported.
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
