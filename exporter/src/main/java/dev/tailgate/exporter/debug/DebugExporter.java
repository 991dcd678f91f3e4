package dev.tailgate.exporter.debug;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.function.Consumer;

/**
 * Writes batches as text lines to a sink (the log, in the gateway). Synchronous and without a
 * queue: writing a log line is local and cannot fail the way a backend can. It is a batch's last
 * holder, so it releases each one it took; a batch the sampler skips is not even parsed.
 */
public final class DebugExporter<T> implements Exporter<T> {
  private final Verbosity verbosity;
  private final LogSampler sampler;
  private final BatchFormatter<T> formatter;
  private final Consumer<String> lines;
  private final Counter sent;

  public DebugExporter(
      ComponentSettings settings,
      DebugExporterConfig config,
      Signal<T> signal,
      Consumer<String> lines) {
    this.verbosity = config.verbosity();
    this.sampler =
        new LogSampler(settings.clock(), config.samplingInitial(), config.samplingThereafter());
    this.formatter = BatchFormatters.forSignal(signal);
    this.lines = lines;
    this.sent =
        settings
            .meters()
            .counter(
                "tailgate.exporter.sent." + signal.itemName(),
                Tags.of("exporter", settings.id().toString()));
  }

  @Override
  public void consume(Batch<T> batch) {
    if (sampler.admit()) {
      write(batch.request());
    }
    sent.increment(batch.items());
    batch.release();
  }

  private void write(T batch) {
    lines.accept(formatter.summary(batch));
    switch (verbosity) {
      case BASIC -> {}
      case NORMAL -> formatter.items(batch).forEach(lines);
      case DETAILED -> lines.accept(formatter.detailed(batch));
    }
  }
}
