package dev.tailgate.processor.filter;

import static dev.tailgate.processor.filter.LegacyTerms.allOf;
import static dev.tailgate.processor.filter.LegacyTerms.anyOf;
import static dev.tailgate.processor.filter.LegacyTerms.empty;
import static dev.tailgate.processor.filter.LegacyTerms.kindName;
import static dev.tailgate.processor.filter.LegacyTerms.library;
import static dev.tailgate.processor.filter.LegacyTerms.orOf;
import static dev.tailgate.processor.filter.LegacyTerms.severity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.processor.filter.LegacyTerms.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The Collector's deprecated include/exclude match blocks of the filter processor ({@code spans},
 * {@code metrics.include/exclude}, {@code logs.include/exclude}), turned into the OTTL condition
 * that drops the same items, so they run on the same engine as every other condition. As in the
 * Collector: {@code include} keeps only what matches and {@code exclude} drops what matches
 * (include first); within one property any listed value matches, attributes must all match, and
 * properties must all match. {@code strict} compares values exactly, {@code regexp} finds an RE2
 * regex in them, as Go's {@code regexp.MatchString} does. {@code expr} (the Collector's expression
 * language for metrics) is refused.
 */
final class LegacyMatch {
  private LegacyMatch() {}

  /** A condition that is always false, in the comparisons every context has. */
  private static final String NEVER = "1 == 0";

  /** {@code key: value}; a key without a value matches when the attribute exists. */
  record Attribute(@JsonProperty("key") String key, @JsonProperty("value") JsonNode value) {}

  /** An instrumentation scope, by name and optionally version. */
  record Library(@JsonProperty("name") String name, @JsonProperty("version") String version) {}

  /** {@code spans.include} / {@code spans.exclude}. */
  record SpanMatch(
      @JsonProperty("match_type") String matchType,
      @JsonProperty("services") List<String> services,
      @JsonProperty("span_names") List<String> spanNames,
      @JsonProperty("span_kinds") List<String> spanKinds,
      @JsonProperty("attributes") List<Attribute> attributes,
      @JsonProperty("resources") List<Attribute> resources,
      @JsonProperty("libraries") List<Library> libraries,
      @JsonProperty("regexp") JsonNode regexp) {}

  /** {@code metrics.include} / {@code metrics.exclude}. */
  record MetricMatch(
      @JsonProperty("match_type") String matchType,
      @JsonProperty("metric_names") List<String> metricNames,
      @JsonProperty("resource_attributes") List<Attribute> resourceAttributes,
      @JsonProperty("expressions") List<String> expressions,
      @JsonProperty("regexp") JsonNode regexp) {}

  /** {@code logs.include.severity_number}. */
  record SeverityNumber(
      @JsonProperty("min") String min, @JsonProperty("match_undefined") Boolean matchUndefined) {}

  /** {@code logs.include} / {@code logs.exclude}. */
  record LogMatch(
      @JsonProperty("match_type") String matchType,
      @JsonProperty("resource_attributes") List<Attribute> resourceAttributes,
      @JsonProperty("record_attributes") List<Attribute> recordAttributes,
      @JsonProperty("severity_texts") List<String> severityTexts,
      @JsonProperty("severity_number") SeverityNumber severityNumber,
      @JsonProperty("bodies") List<String> bodies) {}

  /** {@code spans: { include, exclude }}. */
  record Spans(
      @JsonProperty("include") SpanMatch include, @JsonProperty("exclude") SpanMatch exclude) {}

  /** The drop condition of {@code spans}, or null when it has neither block; problems at key. */
  static String spans(Spans spans, ConfigErrors errors) {
    return dropCondition(
        spans.include(), spans.exclude(), (m, e) -> spanMatch(m, e), errors.at("spans"));
  }

  static String metrics(MetricMatch include, MetricMatch exclude, ConfigErrors errors) {
    return dropCondition(include, exclude, (m, e) -> metricMatch(m, e), errors.at("metrics"));
  }

  static String logs(LogMatch include, LogMatch exclude, ConfigErrors errors) {
    return dropCondition(include, exclude, (m, e) -> logMatch(m, e), errors.at("logs"));
  }

  private interface Translator<M> {
    /** The condition that matches, "" for a block that is ignored, or null (problems). */
    String matches(M block, ConfigErrors errors);
  }

  private static <M> String dropCondition(
      M include, M exclude, Translator<M> translator, ConfigErrors errors) {
    List<String> drops = new ArrayList<>();
    if (include != null) {
      String matches = translator.matches(include, errors.at("include"));
      if (matches != null && !matches.isEmpty()) {
        drops.add("not (" + matches + ")");
      }
    }
    if (exclude != null) {
      String matches = translator.matches(exclude, errors.at("exclude"));
      if (matches != null && !matches.isEmpty()) {
        drops.add("(" + matches + ")");
      }
    }
    return drops.isEmpty() ? null : String.join(" or ", drops);
  }

  private static String spanMatch(SpanMatch m, ConfigErrors errors) {
    warnCache(m.regexp(), errors);
    Matcher match = Matcher.of(m.matchType(), errors);
    if (match == null) {
      return null;
    }
    List<String> all = new ArrayList<>();
    anyOf(all, m.services(), v -> match.text("resource.attributes[\"service.name\"]", v));
    anyOf(all, m.spanNames(), v -> match.text("name", v));
    anyOf(all, m.spanKinds(), v -> match.text("kind.string", kindName(v)));
    allOf(all, m.attributes(), "attributes", "attributes", match, errors);
    allOf(all, m.resources(), "resources", "resource.attributes", match, errors);
    anyOf(all, m.libraries(), library -> library(library, match));
    if (all.isEmpty()) {
      // As the Collector: a span block must say what it matches.
      errors.add(
          "",
          "set at least one of services, span_names, span_kinds, attributes, resources or"
              + " libraries");
      return null;
    }
    return String.join(" and ", all);
  }

  private static String metricMatch(MetricMatch m, ConfigErrors errors) {
    if ("expr".equals(m.matchType())) {
      errors.add(
          "match_type",
          "expr (the Collector's metric expression language) is not supported; write OTTL"
              + " conditions under metrics.metric or metrics.datapoint instead");
      return null;
    }
    warnCache(m.regexp(), errors);
    Matcher match = Matcher.of(m.matchType(), errors);
    if (match == null) {
      return null;
    }
    List<String> all = new ArrayList<>();
    // As the Collector: no names means no metric matches (a list matching nothing).
    all.add(
        m.metricNames() == null || m.metricNames().isEmpty()
            ? NEVER
            : orOf(m.metricNames(), v -> match.text("name", v)));
    allOf(all, m.resourceAttributes(), "resource_attributes", "resource.attributes", match, errors);
    return String.join(" and ", all);
  }

  private static String logMatch(LogMatch m, ConfigErrors errors) {
    List<String> all = new ArrayList<>();
    // match_type only says how texts compare: a block of severity_number alone needs none.
    boolean texts =
        !empty(m.resourceAttributes())
            || !empty(m.recordAttributes())
            || !empty(m.severityTexts())
            || !empty(m.bodies());
    if (texts || m.matchType() != null) {
      Matcher match = Matcher.of(m.matchType(), errors);
      if (match == null) {
        return null;
      }
      allOf(
          all, m.resourceAttributes(), "resource_attributes", "resource.attributes", match, errors);
      allOf(all, m.recordAttributes(), "record_attributes", "attributes", match, errors);
      anyOf(all, m.severityTexts(), v -> match.text("severity_text", v));
      anyOf(all, m.bodies(), v -> match.text("body", v));
    }
    if (m.severityNumber() != null && m.severityNumber().min() != null) {
      Long min = severity(m.severityNumber().min());
      if (min == null) {
        errors.add(
            "severity_number.min",
            "\"" + m.severityNumber().min() + "\" is not a severity (TRACE … FATAL4, or 1-24)");
        return null;
      }
      String atLeast = "severity_number >= " + min;
      boolean undefined = Boolean.TRUE.equals(m.severityNumber().matchUndefined());
      all.add(undefined ? "(" + atLeast + " or severity_number == 0)" : atLeast);
    }
    // As the Collector: a logs block without properties is ignored.
    return all.isEmpty() ? "" : String.join(" and ", all);
  }

  /** {@code regexp: { cacheenabled, cachemaxnumentries }}: the Collector's match cache. */
  private static void warnCache(JsonNode regexp, ConfigErrors errors) {
    if (regexp != null && !regexp.isNull()) {
      errors.warn(
          "regexp",
          "has no effect here: each regex is compiled once and matched in linear time, without a"
              + " cache");
    }
  }
}
