package dev.tailgate.processor.memorylimiter;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@code memory_limiter} processors. The processors of one component id (one per pipeline)
 * share one {@link MemoryChecker}: the heap is one, so is its reading and verdict, and so are its
 * self-metrics. The sharing lives in this factory, which is why a gateway uses one factory instance
 * per graph it builds.
 */
public final class MemoryLimiterProcessorFactory implements ProcessorFactory<MemoryLimiterConfig> {
  private final MemoryUsage usage;
  private final Runnable gc;
  private final Map<ComponentId, MemoryChecker> checkers = new ConcurrentHashMap<>();

  /** Limits the JVM's own heap. */
  public MemoryLimiterProcessorFactory() {
    this(MemoryUsage.jvmHeap());
  }

  /**
   * Reads memory from {@code usage} instead of the heap; for tests, since a heap cannot shrink on
   * cue.
   */
  public MemoryLimiterProcessorFactory(MemoryUsage usage) {
    this(usage, System::gc);
  }

  MemoryLimiterProcessorFactory(MemoryUsage usage, Runnable gc) {
    this.usage = usage;
    this.gc = gc;
  }

  @Override
  public String type() {
    return "memory_limiter";
  }

  @Override
  public Class<MemoryLimiterConfig> configType() {
    return MemoryLimiterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Processor<T> create(
      ComponentSettings settings, MemoryLimiterConfig config, Signal<T> signal, Consumer<T> next) {
    return new MemoryLimiterProcessor<>(settings, checkerFor(settings, config), signal, next);
  }

  MemoryChecker checkerFor(ComponentSettings settings, MemoryLimiterConfig config) {
    return checkers.computeIfAbsent(
        settings.id(), id -> new MemoryChecker(id, config, usage, gc, settings.meters()));
  }
}
