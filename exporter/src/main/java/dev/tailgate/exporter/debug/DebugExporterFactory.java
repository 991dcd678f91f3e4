package dev.tailgate.exporter.debug;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/** {@code debug}: writes traces, metrics and logs to the gateway's log. */
public final class DebugExporterFactory implements ExporterFactory<DebugExporterConfig> {
  /** The logger the gateway's logging config can turn up or down. */
  public static final String LOGGER_NAME = "dev.tailgate.exporter.debug";

  private final Consumer<String> lines;

  /** Writes to the SLF4J logger {@value #LOGGER_NAME} at INFO. */
  public DebugExporterFactory() {
    this(LoggerFactory.getLogger(LOGGER_NAME)::info);
  }

  /**
   * Writes to {@code lines}; each call is one log entry (the detailed form spans several lines).
   */
  public DebugExporterFactory(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public String type() {
    return "debug";
  }

  @Override
  public Class<DebugExporterConfig> configType() {
    return DebugExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, DebugExporterConfig config, Signal<T> signal) {
    return new DebugExporter<>(
        settings,
        config,
        signal,
        config.useInternalLogger() ? lines : DebugOutput.to(config.outputs()));
  }
}
