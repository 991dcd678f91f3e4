package dev.tailgate.processor.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Configs from YAML and a filter processor made by the factory, writing into a list. */
final class FilterFixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private FilterFixtures() {}

  static List<String> problems(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    bind(yaml, errors);
    return errors.problems();
  }

  static List<String> warnings(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    bind(yaml, errors);
    assertThat(errors.problems()).isEmpty();
    return errors.warnings();
  }

  static FilterConfig config(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    FilterConfig config = bind(yaml, errors);
    assertThat(errors.problems()).isEmpty();
    return config;
  }

  private static FilterConfig bind(String yaml, ConfigErrors errors) {
    try {
      return new ConfigBinder()
          .bind(YAML.readTree(yaml), FilterConfig.class, "processors.filter", errors)
          .orElse(null);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A processor and what it passed on. */
  static final class Run<T> {
    final List<Batch<T>> passed = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Processor<T> processor;

    Run(String yaml, Signal<T> signal) {
      processor =
          new FilterProcessorFactory()
              .create(
                  TestSettings.of("filter", meters, Clock.systemUTC()),
                  config(yaml),
                  signal,
                  passed::add);
    }

    T only() {
      assertThat(passed).hasSize(1);
      return passed.get(0).request();
    }

    double counted(String name) {
      return meters.get(name).tag("processor", "filter").counter().count();
    }
  }

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
