package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One receiver counter per tenant. Every series carries the {@code tenant} tag, empty without
 * authentication, because Prometheus wants one set of label names per metric. Tenants are the
 * identities an authenticator knows (users, token names, token subjects), so the series are as many
 * as the credentials.
 */
final class TenantCounters {
  private final MeterRegistry meters;
  private final String name;
  private final String description;
  private final String receiver;
  private final String transport;
  private final ConcurrentMap<String, Counter> byTenant = new ConcurrentHashMap<>();

  TenantCounters(
      MeterRegistry meters,
      String verb,
      Signal<?> signal,
      ComponentId receiver,
      Transport transport) {
    this.meters = meters;
    this.name = "tailgate.receiver." + verb + "." + signal.itemName();
    this.description = signal.itemName() + " " + verb + " by a receiver";
    this.receiver = receiver.toString();
    this.transport = transport.tag();
    of("");
  }

  Counter of(String tenant) {
    return byTenant.computeIfAbsent(
        tenant,
        t ->
            Counter.builder(name)
                .description(description)
                .tag("receiver", receiver)
                .tag("transport", transport)
                .tag("tenant", t)
                .register(meters));
  }
}
