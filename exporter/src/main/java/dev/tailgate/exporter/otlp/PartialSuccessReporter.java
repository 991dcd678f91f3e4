package dev.tailgate.exporter.otlp;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a backend's partial success visible: the batch counts as sent (retrying it would not help),
 * so the items the backend dropped are logged and counted in {@code
 * tailgate.exporter.rejected.<items>}.
 */
public final class PartialSuccessReporter {
  private static final Logger log = LoggerFactory.getLogger(PartialSuccessReporter.class);

  private final String name;
  private final String itemName;
  private final Counter rejected;

  public PartialSuccessReporter(ComponentSettings settings, Signal<?> signal) {
    this.name = settings.id() + "/" + signal.name();
    this.itemName = signal.itemName();
    this.rejected =
        settings
            .meters()
            .counter(
                "tailgate.exporter.rejected." + signal.itemName(),
                Tags.of("exporter", settings.id().toString()));
  }

  public void report(PartialSuccess partial) {
    if (partial.isEmpty()) {
      return;
    }
    if (partial.rejected() > 0) {
      rejected.increment(partial.rejected());
      log.warn(
          "exporter {}: backend rejected {} {}: {}",
          name,
          partial.rejected(),
          itemName,
          partial.errorMessage());
    } else {
      log.warn(
          "exporter {}: backend accepted the batch with a warning: {}",
          name,
          partial.errorMessage());
    }
  }
}
