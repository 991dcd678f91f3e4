package dev.tailgate.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What every component is created with besides its config: its id, self-metrics, a clock, the
 * host, and how long its shutdown may take to pass on or send what it holds.
 */
public record ComponentSettings(
    ComponentId id, MeterRegistry meters, Clock clock, Host host, Duration drainTimeout) {}
