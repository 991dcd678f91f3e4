package dev.tailgate.processor.filter;

import static dev.tailgate.processor.filter.FilterFixtures.config;
import static dev.tailgate.processor.filter.FilterFixtures.problems;
import static dev.tailgate.processor.filter.FilterFixtures.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.processor.ottl.ErrorMode;
import org.junit.jupiter.api.Test;

class FilterConfigTest {

  @Test
  void readsTheCollectorsShape() {
    FilterConfig config =
        config(
            """
            error_mode: ignore
            traces:
              span: ['attributes["http.route"] == "/healthz"']
              spanevent: ['name == "debug"']
            metrics:
              metric: ['name == "noisy"']
              datapoint: ['attributes["host"] == "test"']
            logs:
              log_record: ['severity_number < SEVERITY_NUMBER_INFO']
            """);

    assertThat(config.errorMode()).isEqualTo(ErrorMode.IGNORE);
    assertThat(config.traces().span())
        .containsExactly("attributes[\"http.route\"] == \"/healthz\"");
    assertThat(config.traces().spanevent()).hasSize(1);
    assertThat(config.metrics().metric()).hasSize(1);
    assertThat(config.metrics().datapoint()).hasSize(1);
    assertThat(config.logs().logRecord()).hasSize(1);
  }

  @Test
  void turnsTheDeprecatedIncludeExcludeBlocksIntoTheOttlConditionThatDropsTheSame() {
    FilterConfig config =
        config(
            """
            spans:
              include:
                match_type: strict
                services: [checkout]
                attributes: [ { key: env, value: prod }, { key: sampled } ]
            metrics: { exclude: { match_type: regexp, metric_names: ['^jvm', 'gc$'] } }
            logs: { include: { match_type: strict, severity_number: { min: INFO, match_undefined: true } } }
            """);

    assertThat(config.spanDropConditions())
        .containsExactly(
            "not (resource.attributes[\"service.name\"] == \"checkout\" and attributes[\"env\"]"
                + " == \"prod\" and attributes[\"sampled\"] != nil)");
    assertThat(config.metricDropConditions())
        .containsExactly("((IsMatch(name, \"^jvm\") or IsMatch(name, \"gc$\")))");
    assertThat(config.logDropConditions())
        .containsExactly("not ((severity_number >= 9 or severity_number == 0))");
  }

  @Test
  void refusesWhatTheCollectorRefusesInTheDeprecatedBlocksNamingTheKey() {
    assertThat(problems("spans: { exclude: { match_type: regexp } }"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.filter.spans.exclude: set at least one of services");
    assertThat(
            problems(
                "metrics: { include: { match_type: expr, expressions: ['HasLabel(\"x\")'] } }"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.filter.metrics.include.match_type: expr");
    assertThat(problems("metrics: { include: { match_type: regexp, metric_names: ['(open'] } }"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.filter.metrics[0]:");
    assertThat(
            problems(
                "spans: { include: { match_type: strict, span_names: [a] } }\n"
                    + "traces: { span: ['name == \"b\"'] }"))
        .containsExactly(
            "processors.filter.spans: cannot go with traces.span: write the include/exclude"
                + " block as OTTL conditions too");
  }

  @Test
  void warnsForTheCollectorsConditionKeysItCannotRunHere() {
    assertThat(
            warnings(
                """
                traces: { resource: ['attributes["env"] == "test"'] }
                trace_conditions: ['span.name == "x"']
                profiles: { profile: ['true'] }
                """))
        .extracting(w -> w.substring(0, w.indexOf(": ")))
        .containsExactly(
            "processors.filter.traces.resource",
            "processors.filter.trace_conditions",
            "processors.filter.profiles");
  }

  @Test
  void errorModeDefaultsToPropagateAndListsToNothing() {
    FilterConfig config = config("{}");

    assertThat(config.errorMode()).isEqualTo(ErrorMode.PROPAGATE);
    assertThat(config.traces().span()).isEmpty();
    assertThat(config.logs().logRecord()).isEmpty();
  }

  @Test
  void reportsEveryBadConditionWithItsPathAndColumn() {
    assertThat(
            problems(
                """
                traces:
                  span:
                    - 'name == "ok"'
                    - 'IsMatch(name, "x" name'
                  spanevent: ['severity_text == "x"']
                logs:
                  log_record: ['body ==', '']
                """))
        .containsExactly(
            "processors.filter.traces.span[1]: at 19: expected ')' after arguments of IsMatch,"
                + " found 'name'",
            "processors.filter.traces.spanevent[0]: at 1: unknown path 'severity_text' in the"
                + " spanevent context; known: name, time_unix_nano, attributes,"
                + " dropped_attributes_count, span.<any span path>, resource.attributes,"
                + " resource.dropped_attributes_count, instrumentation_scope.name,"
                + " instrumentation_scope.version, instrumentation_scope.attributes,"
                + " instrumentation_scope.dropped_attributes_count",
            "processors.filter.logs.log_record[0]: at 8: expected a value, found the end of the"
                + " condition",
            "processors.filter.logs.log_record[1]: must not be empty");
  }

  @Test
  void anUnknownErrorModeNamesTheKey() {
    assertThat(problems("error_mode: loud"))
        .singleElement()
        .asString()
        .startsWith("processors.filter.error_mode");
  }
}
