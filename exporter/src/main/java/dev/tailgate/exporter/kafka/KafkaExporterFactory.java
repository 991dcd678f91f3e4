package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code kafka}: writes traces, metrics and logs as OTLP records to Kafka topics. */
public final class KafkaExporterFactory implements ExporterFactory<KafkaExporterConfig> {
  private static final SignalMap.Kind KEYING = new SignalMap.Kind("kafka keying");

  /** How each signal's records are keyed when partitioning is on. */
  private static final SignalMap KEYINGS =
      SignalMap.of(keyingKey(Signal.TRACES), new TracesByTraceId())
          .with(keyingKey(Signal.METRICS), new MetricsByResource())
          .with(keyingKey(Signal.LOGS), new LogsByTraceId());

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public Class<KafkaExporterConfig> configType() {
    return KafkaExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, KafkaExporterConfig config, Signal<T> signal) {
    KafkaProducerClient client =
        new KafkaProducerClient(
            () ->
                new KafkaProducer<>(
                    ProducerProperties.of(config, signal.name()),
                    new ByteArraySerializer(),
                    new ByteArraySerializer()));
    String topic = config.topicFor(signal);
    KafkaEncoding encoding = config.kafkaEncoding();
    KafkaMessages<T> messages =
        new KafkaMessages<>(
            encoding,
            config.partitions(signal) ? keying(signal) : null,
            new SizeSplitter<>(signal, encoding, config.producer().maxMessageBytes()));
    Tags tags = Tags.of("exporter", settings.id().toString(), "topic", topic);
    KafkaSender<T> sender =
        new KafkaSender<>(
            client,
            topic,
            messages,
            config.producer().flushMaxMessages(),
            settings.meters().counter("tailgate.exporter.kafka.records", tags),
            settings.meters().counter("tailgate.exporter.kafka.bytes", tags));
    return new ExporterHelper<>(settings, signal, config.exporterSettings(), sender, client);
  }

  static <T> Keying<T> keying(Signal<T> signal) {
    return KEYINGS
        .get(keyingKey(signal))
        .orElseThrow(() -> new IllegalArgumentException("no keying for " + signal.name()));
  }

  private static <T> SignalMap.Key<Keying<T>> keyingKey(Signal<T> signal) {
    return KEYING.key(signal);
  }
}
