package dev.tailgate.processor.ottl;

import java.util.List;
import java.util.function.Function;

/**
 * A kind of item conditions are written for, as the Collector's OTTL contexts: which paths mean
 * what. A path may be written with the context's own name first, as newer Collector configs do
 * ({@code span.name} in the span context is {@code name}).
 */
public final class OttlContext<I> {
  public static final OttlContext<SpanItem> SPAN =
      new OttlContext<>("span", SpanPaths::resolve, SpanPaths.NAMES);
  public static final OttlContext<SpanEventItem> SPANEVENT =
      new OttlContext<>("spanevent", SpanEventPaths::resolve, SpanEventPaths.NAMES);
  public static final OttlContext<LogItem> LOG =
      new OttlContext<>("log", LogPaths::resolve, LogPaths.NAMES);
  public static final OttlContext<MetricItem> METRIC =
      new OttlContext<>("metric", MetricPaths::resolve, MetricPaths.NAMES);
  public static final OttlContext<DataPointItem> DATAPOINT =
      new OttlContext<>("datapoint", DataPointPaths::resolve, DataPointPaths.NAMES);

  private final String name;
  private final Function<String, Field<I>> paths;
  private final List<String> names;

  private OttlContext(String name, Function<String, Field<I>> paths, List<String> names) {
    this.name = name;
    this.paths = paths;
    this.names = names;
  }

  public String name() {
    return name;
  }

  /** The field a dotted path names ({@code status.code}), or null when this context has none. */
  Field<I> resolve(String path) {
    Field<I> field = paths.apply(path);
    if (field == null && path.startsWith(name + ".")) {
      field = paths.apply(path.substring(name.length() + 1));
    }
    return field;
  }

  /** The paths, for an error message. */
  List<String> pathNames() {
    return names;
  }

  @Override
  public String toString() {
    return name;
  }
}
