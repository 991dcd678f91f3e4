package dev.tailgate.processor.tailsampling.peers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code peers.dns}: the peers are the A/AAAA records of {@code hostname} (a Kubernetes headless
 * service), each at {@code port}, looked up again every {@code interval}. Nothing is resolved while
 * the config is checked: a name that does not resolve yet is not a config error.
 */
public record DnsPeersConfig(
    @JsonProperty("hostname") String hostname,
    @JsonProperty("port") Integer port,
    @JsonProperty("interval") Duration interval)
    implements Validatable {

  static final int DEFAULT_PORT = 4317;

  public DnsPeersConfig {
    port = port == null ? DEFAULT_PORT : port;
    interval = interval == null ? Duration.ofSeconds(5) : interval;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(hostname != null && !hostname.isBlank(), "hostname", "required");
    errors.check(port > 0 && port <= 65535, "port", "must be in 1-65535");
    errors.check(interval.toNanos() > 0, "interval", "must be > 0");
  }
}
