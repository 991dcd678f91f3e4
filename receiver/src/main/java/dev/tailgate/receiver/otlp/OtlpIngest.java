package dev.tailgate.receiver.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.wire.WireScan;
import dev.tailgate.pipeline.wire.WireScanner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-independent part of receiving one signal: checks the request at the wire level
 * (item count, id lengths, nesting) without parsing it, hands it to the pipeline as the very bytes
 * that arrived, counts accepted and refused items, and says what became of the request. Only a
 * request with malformed ids is parsed, to drop those items (a partial success).
 *
 * <p>Every method takes over the request's memory lease: it is passed on with the batch, or
 * released when the request is refused.
 *
 * <p>Public for receivers of other transports (kafka), which check their data as OTLP/gRPC and
 * OTLP/HTTP requests are checked: {@link #forTransport}.
 */
public final class OtlpIngest<T> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpIngest.class);

  private final ComponentId receiver;
  private final Signal<T> signal;
  private final WireScanner scanner;
  private final ItemValidator<T> validator;
  private final Consumer<T> next;
  private final TenantCounters accepted;
  private final TenantCounters refused;

  OtlpIngest(
      ComponentId receiver,
      Transport transport,
      Signal<T> signal,
      ItemValidator<T> validator,
      Consumer<T> next,
      MeterRegistry meters) {
    this.receiver = receiver;
    this.signal = signal;
    this.scanner = WireScanner.of(signal);
    this.validator = validator;
    this.next = next;
    this.accepted = new TenantCounters(meters, "accepted", signal, receiver, transport);
    this.refused = new TenantCounters(meters, "refused", signal, receiver, transport);
  }

  /**
   * The ingest of {@code signal} for a receiver of another transport, with the OTLP receiver's
   * validation.
   */
  public static <T> OtlpIngest<T> forTransport(
      ComponentId receiver,
      Transport transport,
      Signal<T> signal,
      Consumer<T> next,
      MeterRegistry meters) {
    return new OtlpIngest<>(
        receiver, transport, signal, OtlpSignal.validator(signal), next, meters);
  }

  Signal<T> signal() {
    return signal;
  }

  /**
   * A protobuf-encoded export request, as it arrived: {@code length} bytes of {@code array} from
   * {@code offset}, an array that is the request's own (it is forwarded without a copy), sent by
   * {@code tenant} (empty when the receiver does not authenticate) on the connection {@code
   * origin}.
   */
  public IngestOutcome ingestWire(
      byte[] array, int offset, int length, Lease lease, String tenant, Origin origin) {
    WireScan scan;
    try {
      scan = scanner.scan(array, offset, length);
    } catch (InvalidProtocolBufferException e) {
      lease.release();
      return new IngestOutcome.Invalid(
          "cannot decode " + signal.name() + " as protobuf: " + e.getMessage());
    }
    ByteString wire = UnsafeByteOperations.unsafeWrap(array, offset, length);
    if (scan.invalidIds() == 0) {
      return pass(
          Batch.ofWire(signal, wire, scan.items(), lease).from(tenant).arrivedOn(origin), 0, "");
    }
    T request;
    try {
      request = signal.parse(wire);
    } catch (InvalidProtocolBufferException e) {
      lease.release();
      return new IngestOutcome.Invalid(
          "cannot decode " + signal.name() + " as protobuf: " + e.getMessage());
    }
    return ingestParsed(request, lease, tenant, origin);
  }

  /** A request that was parsed from another encoding (OTLP/JSON). */
  public IngestOutcome ingestParsed(T request, Lease lease, String tenant, Origin origin) {
    Validated<T> validated;
    try {
      validated = validator.validate(request);
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
    if (validated.rejected() > 0) {
      refused.of(tenant).increment(validated.rejected());
    }
    if (validated.items() == 0) {
      lease.release();
      return new IngestOutcome.Accepted(validated.rejected(), validated.errorMessage());
    }
    // Kept as bytes, as every batch is: the parsed form would hold 4-6x its size while queued.
    ByteString wire = signal.encode(validated.request());
    lease.resize(wire.size());
    return pass(
        Batch.ofWire(signal, wire, validated.items(), lease).from(tenant).arrivedOn(origin),
        validated.rejected(),
        validated.errorMessage());
  }

  private IngestOutcome pass(Batch<T> batch, int rejected, String errorMessage) {
    int items = batch.items();
    Counter refused = this.refused.of(batch.tenant());
    if (items == 0) {
      batch.release();
      return new IngestOutcome.Accepted(rejected, errorMessage);
    }
    try {
      next.consume(batch);
    } catch (RetryableException e) {
      batch.release();
      refused.increment(items);
      return new IngestOutcome.Retry(
          e.retryAfter().orElse(IngestOutcome.DEFAULT_RETRY_AFTER), e.getMessage());
    } catch (PermanentException e) {
      batch.release();
      refused.increment(items);
      return new IngestOutcome.Invalid(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // A processor's bug (or a value it recursed into too deeply) costs this request, never the
      // gateway: the client gets an OTLP status, the next request is served.
      batch.release();
      refused.increment(items);
      LOG.error(
          "receivers.{}: the pipeline failed on {} {}", receiver, items, signal.itemName(), e);
      return new IngestOutcome.Failed("internal error while receiving " + signal.name());
    }
    accepted.of(batch.tenant()).increment(items);
    return new IngestOutcome.Accepted(rejected, errorMessage);
  }

  /** A request refused before it was read (the memory budget is spent): counted by the budget. */
  static IngestOutcome memorySpent(String message) {
    return new IngestOutcome.Retry(IngestOutcome.DEFAULT_RETRY_AFTER, message);
  }
}
