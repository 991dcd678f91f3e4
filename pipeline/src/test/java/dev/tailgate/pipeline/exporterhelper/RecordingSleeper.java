package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Instead of sleeping, records each delay and moves the clock by it. Like a real sleep it throws
 * when the thread is interrupted, which is how shutdown ends a retry loop.
 */
final class RecordingSleeper implements ExporterHelper.Sleeper {
  private final ManualClock clock;
  private final List<Duration> delays = new ArrayList<>();

  RecordingSleeper(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration delay) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    delays.add(delay);
    clock.advance(delay);
  }

  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }
}
