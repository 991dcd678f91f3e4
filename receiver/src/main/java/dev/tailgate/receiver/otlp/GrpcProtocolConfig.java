package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.TlsServerConfig;

/** {@code protocols.grpc}: where the OTLP/gRPC server listens and the largest message it takes. */
public record GrpcProtocolConfig(
    @JsonProperty("endpoint") Endpoint endpoint,
    @JsonProperty("max_recv_msg_size_mib") Integer maxRecvMsgSizeMib,
    @JsonProperty("tls") @JsonDeserialize(using = TlsWhenNull.class) TlsServerConfig tls,
    @JsonProperty("auth") AuthConfig auth) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4317);

  /** As the Collector: gRPC's own default inbound limit. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 4;

  public GrpcProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRecvMsgSizeMib =
        maxRecvMsgSizeMib == null ? DEFAULT_MAX_RECV_MSG_SIZE_MIB : maxRecvMsgSizeMib;
  }

  /** The largest inbound message in bytes, capped to what gRPC can express. */
  public int maxRecvMsgSizeBytes() {
    return (int) Math.min(Integer.MAX_VALUE, (long) maxRecvMsgSizeMib * 1024 * 1024);
  }

  /** Without authentication. */
  public GrpcProtocolConfig(Endpoint endpoint, Integer maxRecvMsgSizeMib, TlsServerConfig tls) {
    this(endpoint, maxRecvMsgSizeMib, tls, null);
  }

  /** Without TLS. */
  public GrpcProtocolConfig(Endpoint endpoint, Integer maxRecvMsgSizeMib) {
    this(endpoint, maxRecvMsgSizeMib, null);
  }

  public static GrpcProtocolConfig defaults() {
    return new GrpcProtocolConfig(null, null);
  }

  void validate(ConfigErrors errors) {
    errors.check(maxRecvMsgSizeMib > 0, "max_recv_msg_size_mib", "must be > 0");
    if (tls != null) {
      tls.validate(errors.at("tls"));
    }
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
  }
}
