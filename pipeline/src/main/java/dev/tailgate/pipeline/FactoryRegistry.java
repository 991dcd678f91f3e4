package dev.tailgate.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The factories the gateway knows, by kind and type name. */
public final class FactoryRegistry {
  private final Map<String, ReceiverFactory<?>> receivers;
  private final Map<String, ProcessorFactory<?>> processors;
  private final Map<String, ExporterFactory<?>> exporters;

  public FactoryRegistry(
      List<ReceiverFactory<?>> receivers,
      List<ProcessorFactory<?>> processors,
      List<ExporterFactory<?>> exporters) {
    this.receivers = byType(receivers);
    this.processors = byType(processors);
    this.exporters = byType(exporters);
  }

  private static <F extends Factory<?>> Map<String, F> byType(List<F> factories) {
    Map<String, F> map = new LinkedHashMap<>();
    for (F factory : factories) {
      if (map.put(factory.type(), factory) != null) {
        throw new IllegalArgumentException("two factories for type " + factory.type());
      }
    }
    return Map.copyOf(map);
  }

  public Optional<? extends Factory<?>> find(ComponentKind kind, String type) {
    return Optional.ofNullable(
        switch (kind) {
          case RECEIVER -> receivers.get(type);
          case PROCESSOR -> processors.get(type);
          case EXPORTER -> exporters.get(type);
        });
  }

  public Optional<ReceiverFactory<?>> receiver(String type) {
    return Optional.ofNullable(receivers.get(type));
  }

  public Optional<ProcessorFactory<?>> processor(String type) {
    return Optional.ofNullable(processors.get(type));
  }

  public Optional<ExporterFactory<?>> exporter(String type) {
    return Optional.ofNullable(exporters.get(type));
  }

  /** Type names of a kind, sorted, for "unknown type" messages. */
  public Collection<String> types(ComponentKind kind) {
    return new TreeSet<>(
        switch (kind) {
          case RECEIVER -> receivers.keySet();
          case PROCESSOR -> processors.keySet();
          case EXPORTER -> exporters.keySet();
        });
  }
}
