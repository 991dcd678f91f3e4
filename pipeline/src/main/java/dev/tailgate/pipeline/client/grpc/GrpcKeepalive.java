package dev.tailgate.pipeline.client.grpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;

/**
 * {@code keepalive} of a gRPC client, as the Collector's configgrpc has it: after {@code time}
 * without activity the client pings, and closes the connection when no answer comes within {@code
 * timeout}; {@code permit_without_stream} pings even with no call in flight. gRPC's own minimum for
 * {@code time} (10 s) applies, as grpc-go raises a smaller one too.
 */
public record GrpcKeepalive(
    @JsonProperty("time") Duration time,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("permit_without_stream") Boolean permitWithoutStream) {

  public GrpcKeepalive {
    // grpc-go's defaults for a keepalive block that leaves them out: no pings (infinity) and 20 s.
    time = time == null ? Duration.ZERO : time;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    permitWithoutStream = permitWithoutStream != null && permitWithoutStream;
  }

  /** True when the client pings at all ({@code time} > 0). */
  public boolean pings() {
    return time.toNanos() > 0;
  }

  /** Validates below {@code keepalive}. */
  public void validate(ConfigErrors errors) {
    errors.check(!time.isNegative(), "time", "must be >= 0 (0: no keepalive pings)");
    errors.check(!timeout.isNegative(), "timeout", "must be >= 0");
  }
}
