package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphPlannerTest {
  private final FakeComponents components = new FakeComponents();
  private final GraphPlanner planner = components.planner();

  private List<String> problems(GraphConfig config) {
    return catchThrowableOfType(ConfigException.class, () -> config.planWith(planner)).problems();
  }

  private static GraphConfig configured() {
    return new GraphConfig()
        .receivers("otlp", "prometheus")
        .processors("batch", "tail_sampling")
        .exporters("sink", "jaeger");
  }

  @Test
  void plansEveryPipelineInConfigOrder() {
    GraphPlan plan =
        configured()
            .pipeline(
                "traces",
                List.of("otlp"),
                List.of("tail_sampling", "batch"),
                List.of("jaeger", "sink"))
            .pipeline("metrics/scraped", List.of("prometheus"), List.of(), List.of("sink"))
            .pipeline("logs", List.of("otlp"), List.of("batch"), List.of("sink"))
            .planWith(planner);

    assertThat(plan.pipelineIds())
        .containsExactly(
            new PipelineId(Signal.TRACES, ""),
            new PipelineId(Signal.METRICS, "scraped"),
            new PipelineId(Signal.LOGS, ""));
  }

  @Test
  void planningCreatesNoComponent() {
    configured()
        .pipeline("traces", List.of("otlp"), List.of("batch"), List.of("sink"))
        .planWith(planner);

    assertThat(components.otlp.created()).isEmpty();
    assertThat(components.batch.created()).isEmpty();
    assertThat(components.sink.created()).isEmpty();
  }

  @Test
  void namesAReferenceToAComponentThatIsNotConfigured() {
    List<String> problems =
        problems(
            configured().pipeline("traces", List.of("otlp"), List.of("x"), List.of("sink/other")));

    assertThat(problems)
        .containsExactly(
            "service.pipelines.traces: references processor \"x\" which is not configured",
            "service.pipelines.traces: references exporter \"sink/other\" which is not configured");
  }

  @Test
  void unknownTypeListsTheKnownTypes() {
    List<String> problems =
        problems(
            new GraphConfig()
                .receivers("kafka")
                .processors("filter/errors")
                .exporters("zipkin", "sink")
                .pipeline("traces", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems)
        .startsWith(
            "receivers.kafka: unknown receiver type \"kafka\"; known types: otlp, prometheus",
            "processors.filter/errors: unknown processor type \"filter\"; known types: batch,"
                + " tail_sampling",
            "exporters.zipkin: unknown exporter type \"zipkin\"; known types: jaeger, sink");
  }

  @Test
  void refusesAComponentKeyThatIsNotAnId() {
    List<String> problems =
        problems(
            configured()
                .receivers("OTLP", "otlp/")
                .pipeline("traces", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems)
        .containsExactly(
            "receivers.OTLP: \"OTLP\" is not a component type (lower case letters, digits and _)",
            "receivers.otlp/: \"otlp/\" has an empty name after '/'");
  }

  @Test
  void namesAComponentThatDoesNotSupportThePipelinesSignal() {
    List<String> problems =
        problems(
            configured()
                .pipeline(
                    "logs", List.of("prometheus"), List.of("tail_sampling"), List.of("jaeger")));

    assertThat(problems)
        .containsExactly(
            "service.pipelines.logs: receiver \"prometheus\" does not support logs",
            "service.pipelines.logs: processor \"tail_sampling\" does not support logs",
            "service.pipelines.logs: exporter \"jaeger\" does not support logs");
  }

  @Test
  void aPipelineNeedsReceiversAndExporters() {
    List<String> problems =
        problems(configured().pipeline("traces/empty", List.of(), List.of("batch"), List.of()));

    assertThat(problems)
        .containsExactly(
            "service.pipelines.traces/empty.receivers: must name at least one receiver",
            "service.pipelines.traces/empty.exporters: must name at least one exporter");
  }

  @Test
  void aPipelineWithoutBodyAsksForOne() {
    List<String> problems = problems(configured().pipeline("metrics", null));

    assertThat(problems)
        .containsExactly("service.pipelines.metrics: is empty: give receivers and exporters");
  }

  @Test
  void refusesAPipelineKeyThatIsNotASignal() {
    List<String> problems =
        problems(
            configured()
                .pipeline("spans", List.of("otlp"), List.of(), List.of("sink"))
                .pipeline("traces/", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems)
        .containsExactly(
            "service.pipelines.spans: unknown signal \"spans\" (expected traces, metrics or logs)",
            "service.pipelines.traces/: \"traces/\" has an empty name after '/'");
  }

  @Test
  void needsAtLeastOnePipeline() {
    assertThat(problems(configured()))
        .containsExactly(
            "service.pipelines: must define at least one pipeline (traces, metrics or logs)");
    assertThat(
            catchThrowableOfType(
                    ConfigException.class, () -> planner.plan(Map.of(), Map.of(), Map.of(), null))
                .problems())
        .containsExactly(
            "service.pipelines: must define at least one pipeline (traces, metrics or logs)");
  }

  @Test
  void refusesAComponentNamedTwiceInOnePipeline() {
    List<String> problems =
        problems(
            configured()
                .pipeline("traces", List.of("otlp"), List.of("batch", "batch"), List.of("sink")));

    assertThat(problems)
        .containsExactly("service.pipelines.traces: names processor \"batch\" twice");
  }

  @Test
  void aComponentsConfigProblemsNameItsPath() {
    List<String> problems =
        problems(
            configured()
                .exporter("sink", "{\"labl\": \"x\"}")
                .exporter("sink/blank", "{\"label\": \" \"}")
                .pipeline("traces", List.of("otlp"), List.of(), List.of("jaeger")));

    assertThat(problems)
        .containsExactly(
            "exporters.sink.labl: unknown key \"labl\"; known keys: label",
            "exporters.sink/blank.label: must not be blank");
  }

  @Test
  void aReferenceToAnInvalidComponentIsNotCalledUnconfigured() {
    List<String> problems =
        problems(
            configured()
                .exporter("sink", "{\"label\": \"\"}")
                .pipeline("traces", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems).containsExactly("exporters.sink.label: must not be blank");
  }

  @Test
  void anInvalidComponentOfAnotherKindDoesNotHideAMissingOne() {
    List<String> problems =
        problems(
            new GraphConfig()
                .receivers("otlp", "sink")
                .pipeline("traces", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems)
        .containsExactly(
            "receivers.sink: unknown receiver type \"sink\"; known types: otlp, prometheus",
            "service.pipelines.traces: references exporter \"sink\" which is not configured");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<String> problems =
        problems(
            new GraphConfig()
                .receivers("otlp", "kafka")
                .exporters("sink")
                .pipeline("traces", List.of("otlp"), List.of("batch"), List.of("sink"))
                .pipeline("logs", List.of(), List.of(), List.of("sink"))
                .pipeline("events", List.of("otlp"), List.of(), List.of("sink")));

    assertThat(problems).hasSize(4);
  }
}
