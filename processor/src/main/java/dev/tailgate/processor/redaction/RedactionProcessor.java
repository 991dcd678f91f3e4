package dev.tailgate.processor.redaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;

/**
 * Redacts each batch on the caller's thread, in its encoded form ({@link WireRedactor}), and passes
 * it on: a changed batch as its {@link Batch#rewrittenAs rewrite} (same memory leases, so the one
 * batch handed on is the only one to release), an unchanged one as the very same batch, so its
 * arrival bytes are still what leaves the gateway. Holds no data, so there is nothing to flush or
 * release at shutdown.
 */
final class RedactionProcessor<T> implements Processor<T> {
  private final String name;
  private final WireRedactor redactor;
  private final Consumer<T> next;
  private final Counter redactedKeys;
  private final Counter maskedValues;

  RedactionProcessor(ComponentSettings settings, Signal<T> signal, WireRedactor redactor, Consumer<T> next) {
    this.name = settings.id() + "/" + signal.name();
    this.redactor = redactor;
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
      throw new PermanentException(this + ": the batch is not a valid export request: " + e.getMessage(), e);
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

  @Override
  public String toString() {
    return "processor " + name;
  }
}
