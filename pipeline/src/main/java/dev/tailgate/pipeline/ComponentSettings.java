package dev.tailgate.pipeline;

import dev.tailgate.pipeline.wire.EncodedForms;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What every component is created with besides its config: its id, self-metrics, a clock, the
 * host, how long its shutdown may take to pass on or send what it holds, and the gateway's memory
 * of arrival encodings (shared by receivers, batching and exporters).
 */
public record ComponentSettings(
    ComponentId id,
    MeterRegistry meters,
    Clock clock,
    Host host,
    Duration drainTimeout,
    EncodedForms encodedForms) {

  /** Settings without a shared memory of encodings (each component gets its own, unused one). */
  public ComponentSettings(ComponentId id, MeterRegistry meters, Clock clock, Host host, Duration drainTimeout) {
    this(id, meters, clock, host, drainTimeout, new EncodedForms());
  }
}
