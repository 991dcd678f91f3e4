package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;

/**
 * {@code protocols.grpc.keepalive}: the gRPC server's keepalive, with the Collector's keys. Unset
 * values keep gRPC's defaults (no idle or age limit, a ping after 2 hours without reads, 20 s to
 * answer it; clients may ping every 5 minutes at most, and only during calls).
 */
public record GrpcKeepaliveConfig(
    @JsonProperty("server_parameters") ServerParameters serverParameters,
    @JsonProperty("enforcement_policy") EnforcementPolicy enforcementPolicy) {

  /** What the server does to its connections. */
  public record ServerParameters(
      @JsonProperty("max_connection_idle") Duration maxConnectionIdle,
      @JsonProperty("max_connection_age") Duration maxConnectionAge,
      @JsonProperty("max_connection_age_grace") Duration maxConnectionAgeGrace,
      @JsonProperty("time") Duration time,
      @JsonProperty("timeout") Duration timeout) {}

  /** What the server lets clients do: how often they may ping, and whether without a call. */
  public record EnforcementPolicy(
      @JsonProperty("min_time") Duration minTime,
      @JsonProperty("permit_without_stream") Boolean permitWithoutStream) {}

  void validate(ConfigErrors errors) {
    if (serverParameters != null) {
      ConfigErrors server = errors.at("server_parameters");
      positive(server, "max_connection_idle", serverParameters.maxConnectionIdle());
      positive(server, "max_connection_age", serverParameters.maxConnectionAge());
      positive(server, "max_connection_age_grace", serverParameters.maxConnectionAgeGrace());
      positive(server, "time", serverParameters.time());
      positive(server, "timeout", serverParameters.timeout());
    }
    if (enforcementPolicy != null && enforcementPolicy.minTime() != null) {
      errors.check(
          !enforcementPolicy.minTime().isNegative(),
          "enforcement_policy.min_time",
          "must not be negative");
    }
  }

  private static void positive(ConfigErrors errors, String key, Duration value) {
    errors.check(value == null || value.compareTo(Duration.ZERO) > 0, key, "must be > 0");
  }
}
