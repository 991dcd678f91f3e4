package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.config.ListenEndpointDeserializer;
import dev.tailgate.pipeline.tls.TlsServerConfig;
import java.util.List;

/**
 * {@code protocols.grpc}: where the OTLP/gRPC server listens, the largest message it takes, how
 * many calls a connection may have at once and its keepalive. {@code read_buffer_size} and {@code
 * write_buffer_size} are accepted for Collector configs but change nothing: they size gRPC-Go's
 * per-connection buffers, and Netty sizes its buffers itself.
 */
public record GrpcProtocolConfig(
    @JsonProperty("endpoint") @JsonDeserialize(using = ListenEndpointDeserializer.class)
        Endpoint endpoint,
    @JsonProperty("max_recv_msg_size_mib") Integer maxRecvMsgSizeMib,
    @JsonProperty("tls") @JsonDeserialize(using = TlsWhenNull.class) TlsServerConfig tls,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("max_concurrent_streams") Integer maxConcurrentStreams,
    @JsonProperty("keepalive") GrpcKeepaliveConfig keepalive,
    @JsonProperty("read_buffer_size") ByteSize readBufferSize,
    @JsonProperty("write_buffer_size") ByteSize writeBufferSize,
    @JsonProperty("transport") String transport,
    @JsonProperty("include_metadata") Boolean includeMetadata,
    @JsonProperty("middlewares") List<JsonNode> middlewares) {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 4317);

  /** As the Collector: gRPC's own default inbound limit. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 4;

  public GrpcProtocolConfig {
    endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
    maxRecvMsgSizeMib =
        maxRecvMsgSizeMib == null ? DEFAULT_MAX_RECV_MSG_SIZE_MIB : maxRecvMsgSizeMib;
    // 0, as in the Collector: no limit beyond gRPC's own.
    maxConcurrentStreams = maxConcurrentStreams == null ? 0 : maxConcurrentStreams;
    transport = transport == null ? "tcp" : transport;
  }

  /** Without the connection tuning keys. */
  public GrpcProtocolConfig(
      Endpoint endpoint, Integer maxRecvMsgSizeMib, TlsServerConfig tls, AuthConfig auth) {
    this(endpoint, maxRecvMsgSizeMib, tls, auth, null, null, null, null, null, null, null);
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
    String inert = "has no effect here: Netty sizes its connection buffers itself";
    if (readBufferSize != null) {
      errors.warn("read_buffer_size", inert);
    }
    if (writeBufferSize != null) {
      errors.warn("write_buffer_size", inert);
    }
    if (Boolean.TRUE.equals(includeMetadata)) {
      errors.warn(
          "include_metadata",
          "has no effect here: request metadata does not travel with the data; the authenticated"
              + " identity does (headers_setter from_context: tenant)");
    }
    if (middlewares != null && !middlewares.isEmpty()) {
      errors.warn("middlewares", "has no effect here: there are no middleware extensions");
    }
    errors.check(maxRecvMsgSizeMib > 0, "max_recv_msg_size_mib", "must be > 0");
    errors.check(maxConcurrentStreams >= 0, "max_concurrent_streams", "must be >= 0 (0: no limit)");
    Transports.validate(transport, endpoint, tls != null, errors);
    if (keepalive != null) {
      keepalive.validate(errors.at("keepalive"));
    }
    if (tls != null) {
      tls.validate(errors.at("tls"));
    }
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
  }
}
