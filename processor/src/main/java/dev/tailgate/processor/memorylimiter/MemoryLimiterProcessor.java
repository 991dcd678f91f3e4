package dev.tailgate.processor.memorylimiter;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Readiness;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Refuses batches with a retryable error while its {@link MemoryChecker} says memory is short, so
 * clients back off instead of the gateway running out of heap; passes everything else on unchanged.
 * It never looks inside a batch (no parse: it counts with {@link Batch#items()}) and holds none, so
 * there is nothing to drop, flush or release: a refused batch stays the caller's, a passed one
 * becomes the next component's.
 */
final class MemoryLimiterProcessor<T> implements Processor<T>, Readiness {
  private final String name;
  private final MemoryChecker checker;
  private final Consumer<T> next;
  private final Counter refused;
  private final AtomicBoolean attached = new AtomicBoolean();

  MemoryLimiterProcessor(
      ComponentSettings settings, MemoryChecker checker, Signal<T> signal, Consumer<T> next) {
    this.name = settings.id() + "/" + signal.name();
    this.checker = checker;
    this.next = next;
    this.refused =
        Counter.builder("tailgate.processor.memory_limiter.refused." + signal.itemName())
            .description("Items refused because memory use was above the soft limit")
            .tag("processor", settings.id().toString())
            .register(settings.meters());
  }

  @Override
  public void start() {
    if (attached.compareAndSet(false, true)) {
      checker.attach();
    }
  }

  @Override
  public void consume(Batch<T> batch) {
    if (checker.refusing()) {
      refused.increment(batch.items());
      throw checker.refusal();
    }
    next.consume(batch);
  }

  @Override
  public Optional<String> notReadyReason() {
    return checker.refusing() ? Optional.of(checker.refusal().getMessage()) : Optional.empty();
  }

  @Override
  public void shutdown() {
    if (attached.compareAndSet(true, false)) {
      checker.detach();
    }
  }

  @Override
  public String toString() {
    return "processor " + name;
  }
}
