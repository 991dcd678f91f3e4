package dev.tailgate.pipeline;

import dev.tailgate.pipeline.memory.MemoryBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What every component is created with besides its config: its id, self-metrics, a clock, the host,
 * the shutdown's one deadline (by which it must have passed on or sent what it holds), and the
 * gateway's memory budget (shared by every component that holds data).
 */
public record ComponentSettings(
    ComponentId id,
    MeterRegistry meters,
    Clock clock,
    Host host,
    ShutdownDeadline shutdown,
    MemoryBudget memory) {

  /** Settings with a shutdown deadline of their own, for components built alone (tests, tools). */
  public ComponentSettings(
      ComponentId id,
      MeterRegistry meters,
      Clock clock,
      Host host,
      Duration drainTimeout,
      MemoryBudget memory) {
    this(id, meters, clock, host, new ShutdownDeadline(drainTimeout), memory);
  }

  /** Settings with a budget of its own that never refuses, for tests and tools. */
  public ComponentSettings(
      ComponentId id, MeterRegistry meters, Clock clock, Host host, Duration drainTimeout) {
    this(id, meters, clock, host, drainTimeout, MemoryBudget.unlimited());
  }

  /** {@code service.drain_timeout}: the whole shutdown's, not this component's alone. */
  public Duration drainTimeout() {
    return shutdown.timeout();
  }
}
