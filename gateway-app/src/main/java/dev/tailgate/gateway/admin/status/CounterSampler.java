package dev.tailgate.gateway.admin.status;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the gateway's counters every {@code period} into a {@link CounterWindow}, on one daemon
 * thread. A periodic task that throws is never run again, so every Throwable is caught here: a
 * meter that fails once must not freeze the status page for good.
 */
final class CounterSampler implements Managed {
  private static final Logger log = LoggerFactory.getLogger(CounterSampler.class);

  private final MeterRegistry registry;
  private final CounterWindow window;
  private final Clock clock;
  private final Duration period;
  private ScheduledExecutorService scheduler;

  CounterSampler(MeterRegistry registry, CounterWindow window, Clock clock, Duration period) {
    this.registry = registry;
    this.window = window;
    this.clock = clock;
    this.period = period;
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "status-sampler");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleAtFixedRate(this::sampleOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void sampleOnce() {
    try {
      window.add(CounterReading.of(registry, clock.instant()));
    } catch (Throwable t) {
      log.warn(
          "status page: reading the counters failed; trying again in {} ms", period.toMillis(), t);
    }
  }
}
