package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fails each attempt with the next scripted error; once the script is used up, every attempt
 * succeeds into {@link #sink()} (or keeps failing with {@link #failingForever}).
 */
final class ScriptedSender<T> implements Sender<T> {
  private final SinkConsumer<T> sink;
  private final Deque<RuntimeException> script;
  private final Supplier<RuntimeException> afterScript;
  private int attempts;
  private Duration lastTimeout;

  private ScriptedSender(
      Signal<T> signal, List<RuntimeException> script, Supplier<RuntimeException> afterScript) {
    this.sink = new SinkConsumer<>(signal);
    this.script = new ArrayDeque<>(script);
    this.afterScript = afterScript;
  }

  static <T> ScriptedSender<T> failingFirst(Signal<T> signal, RuntimeException... errors) {
    return new ScriptedSender<>(signal, List.of(errors), () -> null);
  }

  static <T> ScriptedSender<T> failingForever(Signal<T> signal, Supplier<RuntimeException> error) {
    return new ScriptedSender<>(signal, List.of(), error);
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    RuntimeException error;
    synchronized (this) {
      attempts++;
      lastTimeout = timeout;
      error = script.isEmpty() ? afterScript.get() : script.poll();
    }
    if (error != null) {
      throw error;
    }
    sink.consume(batch.retain());
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized Duration lastTimeout() {
    return lastTimeout;
  }

  SinkConsumer<T> sink() {
    return sink;
  }
}
