package dev.tailgate.pipeline.client.grpc;

import java.time.Duration;

/**
 * How a gRPC client's channel behaves beyond TLS, headers and codecs: the Collector's configgrpc
 * client keys {@code keepalive}, {@code balancer_name}, {@code authority}, {@code wait_for_ready}
 * and {@code user_agent}. {@code keepalive} and {@code authority} may be null (not set).
 */
public record GrpcChannelOptions(
    GrpcKeepalive keepalive,
    String balancerName,
    String authority,
    boolean waitForReady,
    String userAgent) {

  /** grpc-java's own behaviour: no keepalive, pick_first, the target's authority. */
  public static final GrpcChannelOptions DEFAULT =
      new GrpcChannelOptions(null, "pick_first", null, false, null);

  /** The load-balancing policies grpc-java has built in, by the names the Collector uses. */
  public static final java.util.List<String> BALANCERS =
      java.util.List.of("pick_first", "round_robin");

  /** The keepalive time, or null when the client does not ping. */
  Duration keepaliveTime() {
    return keepalive == null || !keepalive.pings() ? null : keepalive.time();
  }
}
