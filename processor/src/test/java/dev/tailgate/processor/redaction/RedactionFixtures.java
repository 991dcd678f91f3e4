package dev.tailgate.processor.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configs from YAML, attribute builders, and a run of the real processor into a sink. */
final class RedactionFixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RedactionFixtures() {}

  static RedactionConfig config(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    try {
      RedactionConfig config =
          new ConfigBinder()
              .bind(YAML.readTree(yaml), RedactionConfig.class, "redaction", errors)
              .orElse(null);
      assertThat(errors.problems()).isEmpty();
      return config;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends one batch through a redaction processor made by the factory; returns what came out. */
  static <T> T redact(RedactionConfig config, Signal<T> signal, T batch) {
    return redact(config, signal, batch, new SimpleMeterRegistry());
  }

  static <T> T redact(
      RedactionConfig config, Signal<T> signal, T batch, SimpleMeterRegistry meters) {
    SinkConsumer<T> sink = new SinkConsumer<>(signal);
    run(config, signal, Batch.of(signal, batch), sink, meters);
    assertThat(sink.batches()).hasSize(1);
    return sink.batches().get(0);
  }

  /** Sends {@code batch} through a redaction processor made by the factory into {@code next}. */
  static <T> void run(
      RedactionConfig config,
      Signal<T> signal,
      Batch<T> batch,
      Consumer<T> next,
      SimpleMeterRegistry meters) {
    Processor<T> processor =
        new RedactionProcessorFactory()
            .create(TestSettings.of("redaction", meters, Clock.systemUTC()), config, signal, next);
    processor.start();
    processor.consume(batch);
    processor.shutdown();
  }

  static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(text(value)).build();
  }

  static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static AnyValue map(KeyValue... entries) {
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(entries)))
        .build();
  }

  static AnyValue array(AnyValue... elements) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(elements)))
        .build();
  }

  static KeyValue entry(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** Attributes as key → value text (strings as is, ints as digits, others as protobuf text). */
  static Map<String, String> asMap(List<KeyValue> attributes) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue attribute : attributes) {
      AnyValue value = attribute.getValue();
      map.put(
          attribute.getKey(),
          switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            default -> value.toString().trim();
          });
    }
    return map;
  }
}
