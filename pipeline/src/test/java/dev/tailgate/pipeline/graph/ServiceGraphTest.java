package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.graph.FakeExporterFactory.FakeExporter;
import dev.tailgate.pipeline.graph.FakeProcessorFactory.FakeProcessor;
import dev.tailgate.pipeline.graph.FakeReceiverFactory.FakeReceiver;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestBatches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** GraphPlan.build wires the components; ServiceGraph starts and stops them in order. */
class ServiceGraphTest {
  private final FakeComponents components = new FakeComponents();
  private final GraphPlanner planner = components.planner();

  private ServiceGraph build(GraphConfig config) {
    return config.planWith(planner).build(id -> TestSettings.of(id.toString()));
  }

  private static GraphConfig configured() {
    return new GraphConfig()
        .receivers("otlp", "otlp/2", "prometheus")
        .processors("batch", "tail_sampling")
        .exporters("sink", "sink/2", "jaeger");
  }

  private static ExportTraceServiceRequest spans(int count) {
    return TestBatches.traces(1, 1, count);
  }

  @Test
  void pipelinesOfOneSignalShareOneExporterInstance() {
    ServiceGraph graph =
        build(
            configured()
                .pipeline("traces", List.of("otlp"), List.of(), List.of("sink"))
                .pipeline("traces/2", List.of("otlp/2"), List.of("batch"), List.of("sink"))
                .pipeline("metrics", List.of("prometheus"), List.of(), List.of("sink")));

    assertThat(components.sink.created())
        .extracting(exporter -> exporter.signal().name())
        .containsExactlyInAnyOrder("traces", "metrics");
    assertThat(graph.exporters()).containsOnlyKeys("sink (traces)", "sink (metrics)");

    receiver("otlp").next().traces().orElseThrow().consume(Batches.of(spans(2)));
    receiver("otlp/2").next().traces().orElseThrow().consume(Batches.of(spans(3)));

    FakeExporter<?> tracesSink = exporter("sink", Signal.TRACES);
    assertThat(tracesSink.sink().items()).isEqualTo(5);
    assertThat(graph.exporters().get("sink (traces)")).isSameAs(tracesSink);
  }

  @Test
  void eachPipelineGetsItsOwnProcessorInstance() {
    ServiceGraph graph =
        build(
            configured()
                .pipeline("traces", List.of("otlp"), List.of("batch"), List.of("sink"))
                .pipeline("traces/2", List.of("otlp"), List.of("batch"), List.of("sink")));

    assertThat(components.batch.created()).hasSize(2);
    assertThat(graph.processors().get(PipelineId.parse("traces")))
        .singleElement()
        .isNotSameAs(graph.processors().get(PipelineId.parse("traces/2")).get(0));
  }

  @Test
  void dataPassesTheProcessorsInConfigOrderThenEveryExporter() {
    ServiceGraph graph =
        build(
            configured()
                .pipeline(
                    "traces",
                    List.of("otlp"),
                    List.of("tail_sampling", "batch"),
                    List.of("sink", "jaeger")));

    receiver("otlp").next().traces().orElseThrow().consume(Batches.of(spans(4)));

    assertThat(components.log.events())
        .containsExactly(
            "processor tail_sampling passes 4 spans", "processor batch passes 4 spans");
    assertThat(exporter("sink", Signal.TRACES).sink().items()).isEqualTo(4);
    assertThat(exporter("jaeger", Signal.TRACES).sink().items()).isEqualTo(4);
    assertThat(graph.processors().get(PipelineId.parse("traces")))
        .extracting(processor -> ((FakeProcessor<?>) processor).id())
        .containsExactly(ComponentId.parse("tail_sampling"), ComponentId.parse("batch"));
  }

  @Test
  void aReceiverNamedByTwoPipelinesFeedsBoth() {
    build(
        configured()
            .pipeline("traces", List.of("otlp"), List.of(), List.of("sink"))
            .pipeline(
                "traces/sampled", List.of("otlp"), List.of("tail_sampling"), List.of("jaeger")));

    assertThat(components.otlp.created()).hasSize(1);
    receiver("otlp").next().traces().orElseThrow().consume(Batches.of(spans(3)));

    assertThat(exporter("sink", Signal.TRACES).sink().items()).isEqualTo(3);
    assertThat(exporter("jaeger", Signal.TRACES).sink().items()).isEqualTo(3);
  }

  @Test
  void aReceiverGetsAConsumerForEverySignalThatNamesItAndNoOther() {
    build(
        configured()
            .pipeline("traces", List.of("otlp"), List.of(), List.of("sink"))
            .pipeline("logs", List.of("otlp"), List.of(), List.of("sink")));

    SignalConsumers next = receiver("otlp").next();
    assertThat(next.traces()).isPresent();
    assertThat(next.logs()).isPresent();
    assertThat(next.metrics()).isEmpty();
    assertThat(next.get(Signal.METRICS)).isEmpty();
  }

  @Test
  void startsExportersThenProcessorsLastFirstThenReceivers() {
    ServiceGraph graph = build(twoByTwo());

    graph.start();

    List<String> events = components.log.events();
    assertThat(events).hasSize(6);
    assertThat(events.subList(0, 2))
        .containsExactlyInAnyOrder(
            "start exporter sink (traces)", "start exporter jaeger (traces)");
    assertThat(events.subList(2, 4))
        .containsExactly("start processor batch", "start processor tail_sampling");
    assertThat(events.subList(4, 6))
        .containsExactlyInAnyOrder("start receiver otlp", "start receiver otlp/2");
    assertThat(graph.running()).isTrue();
  }

  @Test
  void stopsReceiversThenProcessorsInDataOrderThenExporters() {
    ServiceGraph graph = build(twoByTwo());
    graph.start();
    components.log.clear();

    graph.shutdown();

    List<String> events = components.log.events();
    assertThat(events).hasSize(6);
    assertThat(events.subList(0, 2))
        .containsExactlyInAnyOrder("shutdown receiver otlp", "shutdown receiver otlp/2");
    assertThat(events.subList(2, 4))
        .containsExactly("shutdown processor tail_sampling", "shutdown processor batch");
    assertThat(events.subList(4, 6))
        .containsExactlyInAnyOrder(
            "shutdown exporter sink (traces)", "shutdown exporter jaeger (traces)");
    assertThat(graph.running()).isFalse();
  }

  @Test
  void shutdownWithoutStartIsSafe() {
    ServiceGraph graph = build(twoByTwo());

    graph.shutdown();

    assertThat(components.log.events()).hasSize(6).allMatch(event -> event.startsWith("shutdown "));
    assertThat(graph.running()).isFalse();
  }

  @Test
  void shutdownTwiceStopsEachComponentOnce() {
    ServiceGraph graph = build(twoByTwo());
    graph.start();
    components.log.clear();

    graph.shutdown();
    graph.shutdown();

    assertThat(components.log.events()).hasSize(6).doesNotHaveDuplicates();
    assertThat(graph.running()).isFalse();
  }

  @Test
  void aFailedStartStopsEverythingOnceAndRethrows() {
    ServiceGraph graph = build(twoByTwo().processor("batch", "{\"label\": \"fail-start\"}"));

    assertThatThrownBy(graph::start).hasMessage("batch refuses to start");
    graph.shutdown();

    assertThat(graph.running()).isFalse();
    assertThat(components.log.events())
        .filteredOn(event -> event.startsWith("shutdown "))
        .hasSize(6)
        .doesNotHaveDuplicates();
    assertThat(components.log.events())
        .doesNotContain("start receiver otlp", "start receiver otlp/2");
  }

  private static GraphConfig twoByTwo() {
    return configured()
        .pipeline(
            "traces",
            List.of("otlp", "otlp/2"),
            List.of("tail_sampling", "batch"),
            List.of("sink", "jaeger"));
  }

  private FakeReceiver receiver(String id) {
    return components.otlp.created().stream()
        .filter(receiver -> receiver.id().equals(ComponentId.parse(id)))
        .findFirst()
        .orElseThrow();
  }

  private FakeExporter<?> exporter(String id, Signal<?> signal) {
    return java.util.stream.Stream.of(components.sink, components.jaeger)
        .flatMap(factory -> factory.created().stream())
        .filter(
            exporter -> exporter.id().equals(ComponentId.parse(id)) && exporter.signal() == signal)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void exportersDrainAtTheSameTime() throws Exception {
    CountDownLatch bothDraining = new CountDownLatch(2);
    AtomicInteger sawTheOther = new AtomicInteger();
    Map<GraphPlan.ExporterKey, ReplaceableExporter<?>> exporters = new LinkedHashMap<>();
    for (String id : List.of("otlp/a", "otlp/b")) {
      Exporter<ExportTraceServiceRequest> draining =
          new Exporter<>() {
            @Override
            public void consume(Batch<ExportTraceServiceRequest> batch) {}

            @Override
            public void shutdown() {
              bothDraining.countDown();
              try {
                // One after another, the first would wait here for the second in vain.
                if (bothDraining.await(10, TimeUnit.SECONDS)) {
                  sawTheOther.incrementAndGet();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      exporters.put(
          new GraphPlan.ExporterKey(ComponentId.parse(id), Signal.TRACES),
          new ReplaceableExporter<>(id, Signal.TRACES, draining));
    }
    ServiceGraph graph =
        new ServiceGraph(Map.of(), Map.of(), exporters, id -> TestSettings.of(id.toString()));

    graph.shutdown();

    assertThat(sawTheOther).hasValue(2);
  }
}
