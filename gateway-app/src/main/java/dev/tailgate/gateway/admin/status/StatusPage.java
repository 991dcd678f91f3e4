package dev.tailgate.gateway.admin.status;

import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.PipelineSpec;
import dev.tailgate.pipeline.graph.ServiceGraph;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live status page on the admin port: {@code /status} (HTML) and {@code /status.json}. Like
 * {@code /metrics} it only reads, so it is not behind the admin token.
 */
public final class StatusPage {
  public static final String PAGE_PATH = "/status";
  public static final String JSON_PATH = "/status.json";

  /** Rates are over about the last minute, as an operator reads a dashboard. */
  private static final Duration WINDOW = Duration.ofSeconds(60);

  /**
   * Only the window's resolution: the newest end of every rate is read when the status is asked
   * for.
   */
  private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);

  private StatusPage() {}

  public static void register(
      Environment environment,
      GraphPlan plan,
      Map<String, PipelineSpec> pipelines,
      ServiceGraph graph,
      MeterRegistry meters,
      MemoryBudget memory,
      ReloadLog reloadLog) {
    Clock clock = Clock.systemUTC();
    CounterWindow window = new CounterWindow(WINDOW);
    environment.lifecycle().manage(new CounterSampler(meters, window, clock, SAMPLE_PERIOD));
    // One tail_sampling id in several pipelines is one instance per pipeline; the first one's ring
    // stands for it, as its gauges do.
    Map<String, Supplier<List<PeerState>>> peers = new LinkedHashMap<>();
    graph
        .processors()
        .values()
        .forEach(
            chain ->
                chain.forEach(
                    processor -> {
                      if (processor instanceof TailSamplingProcessor sampling) {
                        peers.putIfAbsent(sampling.id(), sampling::peers);
                      }
                    }));
    StatusAssembler assembler =
        new StatusAssembler(
            new PipelineTopology(plan, pipelines),
            graph::exporters,
            peers,
            reloadLog,
            memory,
            meters,
            window,
            clock,
            GatewayVersion.current());
    environment
        .admin()
        .addServlet("status-json", new StatusJsonServlet(assembler, environment.getObjectMapper()))
        .addMapping(JSON_PATH);
    environment.admin().addServlet("status-page", new StatusPageServlet()).addMapping(PAGE_PATH);
  }
}
