package dev.tailgate.pipeline.testing;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Host;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** ComponentSettings for tests: a simple meter registry, and a host that refuses HTTP. */
public final class TestSettings {
  private TestSettings() {}

  public static ComponentSettings of(String id) {
    return of(id, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  public static ComponentSettings of(String id, MeterRegistry meters, Clock clock) {
    return of(
        id,
        meters,
        clock,
        (endpoint, tls, servlet, paths) -> {
          throw new UnsupportedOperationException("no HTTP server in this test");
        });
  }

  public static ComponentSettings of(String id, MeterRegistry meters, Clock clock, Host host) {
    return new ComponentSettings(ComponentId.parse(id), meters, clock, host, Duration.ofSeconds(5));
  }
}
