package dev.tailgate.pipeline;

import dev.tailgate.pipeline.memory.MemoryBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What every component is created with besides its config: its id, self-metrics, a clock, the
 * host, how long its shutdown may take to pass on or send what it holds, and the gateway's memory
 * budget (shared by every component that holds data).
 */
public record ComponentSettings(
    ComponentId id,
    MeterRegistry meters,
    Clock clock,
    Host host,
    Duration drainTimeout,
    MemoryBudget memory) {

  /** Settings with a budget of its own that never refuses, for tests and tools. */
  public ComponentSettings(ComponentId id, MeterRegistry meters, Clock clock, Host host, Duration drainTimeout) {
    this(id, meters, clock, host, drainTimeout, MemoryBudget.unlimited());
  }
}
