package dev.tailgate.receiver.otlp;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Applies {@code keepalive} to the gRPC server, leaving gRPC's default for every unset key. */
final class GrpcKeepalive {
  private GrpcKeepalive() {}

  static void apply(GrpcKeepaliveConfig config, NettyServerBuilder builder) {
    GrpcKeepaliveConfig.ServerParameters server = config.serverParameters();
    if (server != null) {
      set(
          server.maxConnectionIdle(),
          d -> builder.maxConnectionIdle(nanos(d), TimeUnit.NANOSECONDS));
      set(server.maxConnectionAge(), d -> builder.maxConnectionAge(nanos(d), TimeUnit.NANOSECONDS));
      set(
          server.maxConnectionAgeGrace(),
          d -> builder.maxConnectionAgeGrace(nanos(d), TimeUnit.NANOSECONDS));
      set(server.time(), d -> builder.keepAliveTime(nanos(d), TimeUnit.NANOSECONDS));
      set(server.timeout(), d -> builder.keepAliveTimeout(nanos(d), TimeUnit.NANOSECONDS));
    }
    GrpcKeepaliveConfig.EnforcementPolicy policy = config.enforcementPolicy();
    if (policy != null) {
      set(policy.minTime(), d -> builder.permitKeepAliveTime(nanos(d), TimeUnit.NANOSECONDS));
      if (policy.permitWithoutStream() != null) {
        builder.permitKeepAliveWithoutCalls(policy.permitWithoutStream());
      }
    }
  }

  private static void set(Duration value, Consumer<Duration> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static long nanos(Duration duration) {
    // Durations beyond ~292 years saturate rather than overflow.
    return duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L
        ? Long.MAX_VALUE
        : duration.toNanos();
  }
}
