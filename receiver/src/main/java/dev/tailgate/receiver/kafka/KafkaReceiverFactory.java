package dev.tailgate.receiver.kafka;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ReceiverFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Makes {@code kafka} receivers: a consumer group reading OTLP records, one topic per signal, for
 * the signals whose pipelines name the receiver.
 */
public final class KafkaReceiverFactory implements ReceiverFactory<KafkaReceiverConfig> {

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public Class<KafkaReceiverConfig> configType() {
    return KafkaReceiverConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  }

  @Override
  public Receiver create(
      ComponentSettings settings, KafkaReceiverConfig config, SignalConsumers next) {
    KafkaReceiverMetrics metrics =
        new KafkaReceiverMetrics(settings.meters(), settings.id().toString());
    Map<String, TopicIngest<?>> ingests = new LinkedHashMap<>();
    for (Signal<?> signal : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
      addIngest(ingests, signal, settings, config, next, metrics);
    }
    return new KafkaReceiver(
        settings.id(),
        config,
        () -> new KafkaConsumer<>(KafkaClientProperties.consumer(config)),
        ingests,
        metrics,
        settings.shutdown());
  }

  private static <T> void addIngest(
      Map<String, TopicIngest<?>> ingests,
      Signal<T> signal,
      ComponentSettings settings,
      KafkaReceiverConfig config,
      SignalConsumers next,
      KafkaReceiverMetrics metrics) {
    KafkaTopicConfig topic = config.topicOf(signal);
    next.get(signal)
        .ifPresent(
            consumer ->
                ingests.put(
                    topic.topic(),
                    new TopicIngest<>(
                        settings.id(),
                        topic.topic(),
                        signal,
                        topic.decoding(),
                        consumer,
                        settings.memory(),
                        metrics)));
  }
}
