package dev.tailgate.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.memory.Lease;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit that flows through a pipeline: OTLP data of one signal, kept in its wire form. A batch
 * carries the protobuf bytes it arrived in (after batching, a rope of arrival slices: an export
 * request is one repeated field, so concatenated encodings are the encoding of the merged request)
 * with its item count, and parses them only for a processor that asks for {@link #request()}. An
 * untouched batch leaves the gateway as the very bytes that came in.
 *
 * <p>A batch is immutable; a processor that changes data makes a new one with {@link #replacedBy}.
 * Its memory {@link Lease}s travel with it: whoever owns a batch (see {@link Consumer}) releases it
 * with {@link #release()} when done with it, and {@link #retain()}s it once per further owner.
 *
 * <p>Thread-safe: the lazily made forms are computed at most a few times and are equal.
 */
public final class Batch<T> {
  /** Tenants are short names; the bound keeps them fit for a file name and a header. */
  public static final int MAX_TENANT_BYTES = 128;

  private final Signal<T> signal;
  private final int items;
  private final List<Lease> leases;

  /** Who sent the data, as its receiver authenticated it; empty without authentication. */
  private final String tenant;

  /** The connection the data arrived on, as far as it is one connection's. */
  private final Origin origin;

  private volatile ByteString wire;

  /** The data when it exists only parsed (built or changed here); null while the bytes are it. */
  private final T request;

  /**
   * The last parsed view of the bytes, held weakly: a batch waiting in a queue must cost its wire
   * size, not the 4-6x of protobuf-java objects, once the processor that looked inside is done.
   */
  private volatile WeakReference<T> parsed;

  private Batch(
      Signal<T> signal,
      int items,
      List<Lease> leases,
      String tenant,
      Origin origin,
      ByteString wire,
      T request) {
    this.signal = signal;
    this.items = items;
    this.leases = leases;
    this.tenant = tenant;
    this.origin = origin;
    this.wire = wire;
    this.request = request;
  }

  /**
   * Data as it arrived: {@code wire} is an encoded export request of {@code signal} holding {@code
   * items} items (counted by the receiver's scan), under {@code lease}.
   */
  public static <T> Batch<T> ofWire(Signal<T> signal, ByteString wire, int items, Lease lease) {
    return new Batch<>(signal, items, List.of(lease), "", Origin.NONE, wire, null);
  }

  /**
   * Data written here from parts of {@code sources} (a processor that regroups items across
   * batches: tail sampling's kept spans), holding their leases: the new batch takes over one
   * reference of each source, which the caller {@link #retain()}ed for it. The sources thus stay
   * held, in the budget and for whoever waits for their last release, until the new batch's owner
   * is done with it.
   */
  public static <T> Batch<T> writtenFrom(
      Signal<T> signal, ByteString wire, int items, List<? extends Batch<?>> sources) {
    List<Lease> leases = new ArrayList<>();
    for (Batch<?> source : sources) {
      leases.addAll(source.leases);
    }
    return new Batch<>(signal, items, List.copyOf(leases), "", Origin.NONE, wire, null);
  }

  /** Data built by the gateway; it has no lease of its own. */
  public static <T> Batch<T> of(Signal<T> signal, T request) {
    return new Batch<>(signal, signal.count(request), List.of(), "", Origin.NONE, null, request);
  }

  /**
   * One batch holding all parts in order, taking over their leases (the parts must not be released
   * after this). No bytes are copied: the result is a rope of the parts' encodings. The result has
   * the parts' origin when they all share one, else none.
   *
   * @throws IllegalArgumentException when the parts come from different tenants: data is never
   *     merged across them, so an exporter can tell each backend whose data it sends
   */
  public static <T> Batch<T> concat(List<Batch<T>> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Signal<T> signal = parts.get(0).signal;
    String tenant = parts.get(0).tenant;
    Origin origin = parts.get(0).origin;
    int items = 0;
    List<Lease> leases = new ArrayList<>();
    List<ByteString> wires = new ArrayList<>(parts.size());
    for (Batch<T> part : parts) {
      if (!part.tenant.equals(tenant)) {
        throw new IllegalArgumentException("batches of different tenants cannot be joined");
      }
      if (!part.origin.equals(origin)) {
        origin = Origin.NONE;
      }
      items += part.items;
      leases.addAll(part.leases);
      wires.add(part.wire());
    }
    return new Batch<>(
        signal, items, List.copyOf(leases), tenant, origin, ByteString.copyFrom(wires), null);
  }

  /**
   * Changed data under the same leases: the new batch replaces this one (do not release both).
   * Given the very view {@link #request()} returned, nothing changed and this batch is returned,
   * bytes and all.
   */
  public Batch<T> replacedBy(T changed) {
    if (changed == request || changed == lastParsed()) {
      return this;
    }
    return new Batch<>(signal, signal.count(changed), leases, tenant, origin, null, changed);
  }

  /**
   * The same items newly encoded, under the same leases: the new batch replaces this one (do not
   * release both). For a processor that rewrites bytes in place without adding or removing items.
   */
  public Batch<T> rewrittenAs(ByteString wire) {
    return new Batch<>(signal, items, leases, tenant, origin, wire, null);
  }

  /**
   * The same data as bytes alone, under the same leases: the new batch replaces this one (do not
   * release both). For a holder that keeps a batch long and needs only its bytes, so that a built
   * batch's parsed form is not kept with it.
   */
  public Batch<T> encoded() {
    return request == null
        ? this
        : new Batch<>(signal, items, leases, tenant, origin, wire(), null);
  }

  private T lastParsed() {
    WeakReference<T> view = parsed;
    return view == null ? null : view.get();
  }

  /**
   * Batches of at most {@code maxItems} items (which must be > 0) in order, each an owner of its
   * own share of this batch's leases: this batch is replaced by the parts.
   */
  public List<Batch<T>> split(int maxItems) {
    if (items <= maxItems) {
      return List.of(this);
    }
    List<T> parts = signal.split(request(), maxItems);
    List<Batch<T>> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        leases.forEach(Lease::retain);
      }
      T part = parts.get(i);
      out.add(new Batch<>(signal, signal.count(part), leases, tenant, origin, null, part));
    }
    return out;
  }

  /**
   * The same data from {@code tenant} (a receiver's authenticated identity, at most {@link
   * #MAX_TENANT_BYTES} bytes of UTF-8), under the same leases: the new batch replaces this one.
   */
  public Batch<T> from(String tenant) {
    if (tenant.getBytes(StandardCharsets.UTF_8).length > MAX_TENANT_BYTES) {
      throw new IllegalArgumentException("a tenant has at most " + MAX_TENANT_BYTES + " bytes");
    }
    return tenant.equals(this.tenant)
        ? this
        : new Batch<>(signal, items, leases, tenant, origin, wire, request);
  }

  /**
   * The same data as having arrived on the connection {@code origin}, under the same leases: the
   * new batch replaces this one. Set by the receiver that read it.
   */
  public Batch<T> arrivedOn(Origin origin) {
    return origin.equals(this.origin)
        ? this
        : new Batch<>(signal, items, leases, tenant, origin, wire, request);
  }

  /**
   * The connection the data arrived on: kept through every rewrite and split, and through a
   * concatenation of batches that all arrived from the same origin; {@link Origin#NONE} for data
   * the gateway built or joined from several origins, and for receivers without connections
   * (Kafka).
   */
  public Origin origin() {
    return origin;
  }

  /**
   * Who sent the data, as the receiver authenticated it (a user, a token's name, a token's
   * subject); empty when the receiver does not authenticate.
   */
  public String tenant() {
    return tenant;
  }

  public Signal<T> signal() {
    return signal;
  }

  /** Spans, data points or log records. */
  public int items() {
    return items;
  }

  /** The size of the encoded export request. */
  public long bytes() {
    ByteString encoded = wire;
    return encoded != null ? encoded.size() : signal.serializedSize(request);
  }

  /** The encoded export request: the arrival bytes when the data was not changed. */
  public ByteString wire() {
    ByteString encoded = wire;
    if (encoded == null) {
      encoded = signal.encode(request);
      wire = encoded;
    }
    return encoded;
  }

  /**
   * The parsed export request, for a processor that must look inside. Parsing is the expensive part
   * of handling telemetry: processors that do not need it should not ask, and one that asks should
   * keep the result while it works rather than ask again (the batch holds it weakly only).
   *
   * @throws PermanentException when the bytes do not parse (the receivers' scan lets through only
   *     data that does, so this means data from outside them)
   */
  public T request() {
    if (request != null) {
      return request;
    }
    T view = lastParsed();
    if (view == null) {
      try {
        view = signal.parse(wire);
      } catch (InvalidProtocolBufferException e) {
        throw new PermanentException(
            "cannot parse " + signal.name() + " (" + wire.size() + " bytes): " + e.getMessage(), e);
      }
      parsed = new WeakReference<>(view);
    }
    return view;
  }

  /** Another owner: call once per extra holder the batch is handed to. */
  public Batch<T> retain() {
    leases.forEach(Lease::retain);
    return this;
  }

  /** This owner is done with the batch. */
  public void release() {
    leases.forEach(Lease::release);
  }

  /** Bytes this batch's leases hold in the memory budget. */
  public long leasedBytes() {
    long sum = 0;
    for (Lease lease : leases) {
      sum += lease.bytes();
    }
    return sum;
  }

  @Override
  public String toString() {
    return signal.name() + " batch of " + items + " " + signal.itemName();
  }
}
