package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-independent part of receiving one signal: validates the items, hands the valid ones
 * to the pipeline, counts accepted and refused items, and says what became of the request.
 */
final class OtlpIngest<T> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpIngest.class);

  private final ComponentId receiver;
  private final Signal<T> signal;
  private final ItemValidator<T> validator;
  private final Consumer<T> next;
  private final Counter accepted;
  private final Counter refused;

  OtlpIngest(
      ComponentId receiver,
      Transport transport,
      Signal<T> signal,
      ItemValidator<T> validator,
      Consumer<T> next,
      MeterRegistry meters) {
    this.receiver = receiver;
    this.signal = signal;
    this.validator = validator;
    this.next = next;
    this.accepted = counter(meters, "accepted", signal, receiver, transport);
    this.refused = counter(meters, "refused", signal, receiver, transport);
  }

  IngestOutcome ingest(T request) {
    Validated<T> validated = validator.validate(request);
    if (validated.rejected() > 0) {
      refused.increment(validated.rejected());
    }
    if (validated.items() > 0) {
      try {
        next.consume(validated.request());
      } catch (RetryableException e) {
        refused.increment(validated.items());
        return new IngestOutcome.Retry(
            e.retryAfter().orElse(IngestOutcome.DEFAULT_RETRY_AFTER), e.getMessage());
      } catch (PermanentException e) {
        refused.increment(validated.items());
        return new IngestOutcome.Invalid(e.getMessage());
      } catch (RuntimeException e) {
        refused.increment(validated.items());
        LOG.error(
            "receivers.{}: the pipeline failed on {} {}",
            receiver,
            validated.items(),
            signal.itemName(),
            e);
        return new IngestOutcome.Failed("internal error while receiving " + signal.name());
      }
      accepted.increment(validated.items());
    }
    return new IngestOutcome.Accepted(validated.rejected(), validated.errorMessage());
  }

  private static Counter counter(
      MeterRegistry meters,
      String verb,
      Signal<?> signal,
      ComponentId receiver,
      Transport transport) {
    return Counter.builder("tailgate.receiver." + verb + "." + signal.itemName())
        .description(signal.itemName() + " " + verb + " by a receiver")
        .tag("receiver", receiver.toString())
        .tag("transport", transport.tag())
        .register(meters);
  }
}
