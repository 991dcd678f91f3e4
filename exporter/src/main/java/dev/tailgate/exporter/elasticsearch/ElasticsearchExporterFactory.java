package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import io.micrometer.core.instrument.Tags;
import java.util.Optional;
import java.util.Set;

/** {@code elasticsearch}: writes traces, logs and metrics to Elasticsearch or OpenSearch. */
public final class ElasticsearchExporterFactory
    implements ExporterFactory<ElasticsearchExporterConfig> {

  @Override
  public String type() {
    return "elasticsearch";
  }

  @Override
  public Class<ElasticsearchExporterConfig> configType() {
    return ElasticsearchExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, ElasticsearchExporterConfig config, Signal<T> signal) {
    BulkClient client = BulkClient.of(config, settings.clock());
    return new ExporterHelper<>(
        settings,
        signal,
        config.exporterSettings(),
        sender(settings, config, signal, client),
        client);
  }

  static <T> ElasticsearchSender<T> sender(
      ComponentSettings settings,
      ElasticsearchExporterConfig config,
      Signal<T> signal,
      BulkClient client) {
    String name = settings.id() + "/" + signal.name();
    Tags tags = Tags.of("exporter", settings.id().toString());
    DeadLetterSink sink =
        config
            .deadLetter()
            .file()
            .<DeadLetterSink>map(path -> new DeadLetterFile(path, name, settings.clock()))
            .orElseGet(() -> new DeadLetterLog(name));
    DeadLetters deadLetters =
        new DeadLetters(
            name,
            sink,
            settings
                .meters()
                .counter(
                    "tailgate.exporter.elasticsearch.dead_lettered." + signal.itemName(), tags));
    return new ElasticsearchSender<>(
        DocumentEncoder.forSignal(
            signal, config.mapping().mode().translator(), config.router(signal)),
        client,
        config.flush().bytes().bytes(),
        deadLetters,
        Optional.ofNullable(config.retry()),
        settings
            .meters()
            .counter("tailgate.exporter.elasticsearch.retried." + signal.itemName(), tags));
  }
}
