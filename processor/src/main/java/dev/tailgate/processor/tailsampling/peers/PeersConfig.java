package dev.tailgate.processor.tailsampling.peers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tail_sampling.peers}: the replicas that share the tail sampling of one stream of traces.
 * Each trace is owned by one of them; spans that arrive elsewhere are forwarded to the owner over
 * OTLP/gRPC. {@code self} is this replica's OTLP/gRPC address as the others reach it; the others
 * are a {@code static} list or the records of a {@code dns} name. {@code timeout}, {@code
 * sending_queue} and {@code retry_on_failure} are those of the forwarding to each peer, as on an
 * exporter; a peer that has not answered for {@code unhealthy_after} leaves the ring until a probe,
 * sent to every peer not heard from for {@code probe_interval}, is answered again. {@code tls} is
 * the client side of the forwarding (the Collector's configtls keys); without it, peers talk
 * plaintext. The listening side is each replica's otlp receiver and its own {@code tls}; when that
 * receiver authenticates, {@code headers} carry the peers' credential (e.g. {@code Authorization:
 * Bearer ...}) with every forward and probe.
 */
public record PeersConfig(
    @JsonProperty("self") Endpoint self,
    @JsonProperty("static") List<Endpoint> staticPeers,
    @JsonProperty("dns") DnsPeersConfig dns,
    @JsonProperty("unhealthy_after") Duration unhealthyAfter,
    @JsonProperty("probe_interval") Duration probeInterval,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure,
    @JsonProperty("tls") ClientTlsConfig tls,
    @JsonProperty("headers") Map<String, String> headers)
    implements Validatable {

  /**
   * Shorter than an exporter's default: a forward waits in memory on this replica, and a peer that
   * stays silent leaves the ring after unhealthy_after anyway, when its queue is decided here.
   */
  static final RetryConfig DEFAULT_RETRY =
      new RetryConfig(
          true, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(1), null, null);

  private static final ExporterSettings DEFAULTS =
      ExporterSettings.DEFAULTS.withRetry(DEFAULT_RETRY);

  public PeersConfig {
    // Not List.copyOf: a null entry (a bare "-" in YAML) is a config error to report, not a crash
    // here.
    staticPeers =
        staticPeers == null ? null : Collections.unmodifiableList(new ArrayList<>(staticPeers));
    unhealthyAfter = unhealthyAfter == null ? Duration.ofSeconds(10) : unhealthyAfter;
    probeInterval = probeInterval == null ? Duration.ofSeconds(2) : probeInterval;
    timeout = DEFAULTS.timeoutOr(timeout);
    sendingQueue = DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = DEFAULTS.retryOr(retryOnFailure);
    // Plaintext unless a tls block says otherwise, as before there was one: peers usually talk
    // inside one cluster network. A block without insecure means TLS.
    tls =
        (tls == null ? new ClientTlsConfig(true, null, null, null, null) : tls)
            .withInsecureDefault(false);
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Without the key for TLS: the compact constructor the tests and older callers use. */
  public PeersConfig(
      Endpoint self,
      List<Endpoint> staticPeers,
      DnsPeersConfig dns,
      Duration unhealthyAfter,
      Duration probeInterval,
      Duration timeout,
      QueueConfig sendingQueue,
      RetryConfig retryOnFailure) {
    this(
        self,
        staticPeers,
        dns,
        unhealthyAfter,
        probeInterval,
        timeout,
        sendingQueue,
        retryOnFailure,
        null,
        null);
  }

  /** The forwarding to one peer, as an exporter's settings. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  @Override
  public void validate(ConfigErrors errors) {
    validateSelf(errors);
    if ((staticPeers == null) == (dns == null)) {
      errors.add("", "give exactly one of static and dns");
    }
    if (staticPeers != null) {
      validateStatic(errors);
    }
    if (dns != null) {
      dns.validate(errors.at("dns"));
    }
    errors.check(unhealthyAfter.toNanos() > 0, "unhealthy_after", "must be > 0");
    errors.check(probeInterval.toNanos() > 0, "probe_interval", "must be > 0");
    exporterSettings().validate(errors);
    errors.check(
        sendingQueue.storage() == null,
        "sending_queue.storage",
        "not supported for peers: forwards are re-decided by their owner, not replayed after a"
            + " restart");
    tls.validate(errors.at("tls"));
    headers.forEach(
        (name, value) -> {
          try {
            Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
          } catch (IllegalArgumentException e) {
            errors.add(
                "headers." + name, "is not a valid gRPC metadata name (" + e.getMessage() + ")");
          }
          errors.check(value != null, "headers." + name, "must have a value");
        });
  }

  private void validateSelf(ConfigErrors errors) {
    if (self == null) {
      errors.add("self", "required when peers are configured");
      return;
    }
    if (self.host().contains("${")) {
      errors.add(
          "self",
          "\""
              + self
              + "\" still holds a ${...} reference: set that environment variable (e.g. POD_IP)");
    } else if (self.host().equals("0.0.0.0") || self.host().equals("::")) {
      errors.add(
          "self", "must be the address the other peers reach this replica at, not a wildcard");
    }
    errors.check(self.port() > 0, "self", "needs a port > 0");
  }

  private void validateStatic(ConfigErrors errors) {
    if (staticPeers.isEmpty()) {
      errors.add("static", "must name at least one peer");
      return;
    }
    Set<Endpoint> seen = new HashSet<>();
    for (int i = 0; i < staticPeers.size(); i++) {
      Endpoint peer = staticPeers.get(i);
      if (peer == null) {
        errors.add("static[" + i + "]", "must be host:port");
      } else if (!seen.add(peer)) {
        errors.add("static[" + i + "]", peer + " is listed twice");
      }
    }
    if (self != null && !seen.contains(self)) {
      errors.add(
          "static",
          "must include peers.self ("
              + self
              + "): every replica needs the same list to agree on owners");
    }
  }
}
