package dev.tailgate.processor.redaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Redacts each batch on the caller's thread, in its encoded form ({@link WireRedactor}), and passes
 * it on: a changed batch as its {@link Batch#rewrittenAs rewrite} (same memory leases, so the one
 * batch handed on is the only one to release), an unchanged one as the very same batch, so its
 * arrival bytes are still what leaves the gateway. Holds no data, so there is nothing to flush or
 * release at shutdown.
 */
final class RedactionProcessor<T> implements Processor<T>, Reconfigurable<RedactionConfig> {
  private final String id;
  private final String name;
  private final Signal<T> signal;

  /** Replaced whole by a reload: a batch is redacted by the rules it started with. */
  private volatile WireRedactor redactor;

  private volatile RedactionConfig config;
  private final Consumer<T> next;
  private final Counter redactedKeys;
  private final Counter maskedValues;

  RedactionProcessor(
      ComponentSettings settings, Signal<T> signal, RedactionConfig config, Consumer<T> next) {
    this.id = settings.id().toString();
    this.name = settings.id() + "/" + signal.name();
    this.signal = signal;
    this.config = config;
    this.redactor = redactorFor(signal, config);
    this.next = next;
    Tags tags = Tags.of("processor", settings.id().toString(), "data_type", signal.name());
    this.redactedKeys =
        Counter.builder("tailgate.processor.redaction.redacted.keys")
            .description("Attributes removed because their key is not allowed")
            .tags(tags)
            .register(settings.meters());
    this.maskedValues =
        Counter.builder("tailgate.processor.redaction.masked.values")
            .description("Values masked wholly (blocked key) or in part (blocked value)")
            .tags(tags)
            .register(settings.meters());
  }

  @Override
  public void consume(Batch<T> batch) {
    RedactionCounts counts = new RedactionCounts();
    ByteString redacted;
    try {
      redacted = redactor.redact(batch.wire(), counts);
    } catch (InvalidProtocolBufferException e) {
      // Receivers let in only requests that scan, and the gateway writes only valid ones.
      throw new PermanentException(
          this + ": the batch is not a valid export request: " + e.getMessage(), e);
    }
    if (counts.redactedKeys() > 0) {
      redactedKeys.increment(counts.redactedKeys());
    }
    if (counts.maskedValues() > 0) {
      maskedValues.increment(counts.maskedValues());
    }
    // When the next component refuses, the caller still owns the original, and the replacement
    // (sharing its leases, holding no reference of its own) is simply forgotten.
    next.consume(redacted == null ? batch : batch.rewrittenAs(redacted));
  }

  static <T> WireRedactor redactorFor(Signal<T> signal, RedactionConfig config) {
    return new WireRedactor(signal, new AttributeRedactor(config));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Class<RedactionConfig> configType() {
    return RedactionConfig.class;
  }

  /** New rules for every batch from now on; nothing is held, so nothing else changes. */
  @Override
  public List<String> reconfigure(RedactionConfig newConfig) {
    if (newConfig.equals(config)) {
      return List.of();
    }
    redactor = redactorFor(signal, newConfig);
    config = newConfig;
    return List.of("processors." + id + " (" + signal.name() + "): redaction rules replaced");
  }

  @Override
  public String toString() {
    return "processor " + name;
  }
}
