package dev.tailgate.gateway;

import static dev.tailgate.gateway.TailSamplingPeersEndToEndTest.awaitHeld;
import static dev.tailgate.gateway.TailSamplingPeersEndToEndTest.decided;
import static dev.tailgate.gateway.TailSamplingPeersEndToEndTest.metricSum;
import static dev.tailgate.gateway.TailSamplingPeersEndToEndTest.peers;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways share tail sampling as peers. A client posts spans whose resource carries the
 * forward mark of the other peer, spelled exactly as that peer writes it. From 127.0.0.2, which is
 * no peer's address, the mark is stripped and the spans go to the owners of their traces; the very
 * same request from 127.0.0.1, the peers' own address, is taken as the other peer's forward.
 */
class ForgedForwardMarkEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:SELF_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        tail_sampling:
          decision_wait: 1s
          policies: [ { name: all, type: always_sample } ]
          peers:
            self: 127.0.0.1:SELF_PORT
            static: [ PEERS ]
            unhealthy_after: 2s
            probe_interval: 200ms
            timeout: 1s
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        drain_timeout: 3s
        pipelines:
          traces: { receivers: [otlp], processors: [tail_sampling], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  static final int TRACES = 20;

  final SecureRandom random = new SecureRandom();
  OtlpBackend backend;
  int portA;
  int portB;
  GatewayUnderTest a;
  GatewayUnderTest b;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    portA = FreePorts.next();
    portB = FreePorts.next();
    String peers = "127.0.0.1:" + portA + ", 127.0.0.1:" + portB;
    a = gateway(portA, peers);
    b = gateway(portB, peers);
  }

  GatewayUnderTest gateway(int port, String peers) throws Exception {
    String config = CONFIG.replace("SELF_PORT", Integer.toString(port)).replace("PEERS", peers);
    return new GatewayUnderTest(config, backend.port()).start();
  }

  @AfterEach
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    backend.close();
  }

  @Test
  void aMarkNamingARealPeerIsHonouredOnlyOnAConnectionFromThatPeersAddress() throws Exception {
    assertThat(
            awaitHeld(
                () -> peers(a, "healthy") == 2 && peers(b, "healthy") == 2, Duration.ofMillis(500)))
        .as("both gateways see both peers healthy")
        .isTrue();
    String markOfB = "127.0.0.1:" + portB;
    String receivedFromB = "peer=\"" + markOfB + "\"";

    assertThat(post(a, "127.0.0.2", markedRequest(markOfB))).isEqualTo(200);

    assertThat(
            Await.until(
                () -> decided(List.of(a, b)) == TRACES && backend.traces.items() == TRACES,
                Duration.ofSeconds(20)))
        .as(
            "every forged trace decided once (%s) and exported (%s)",
            decided(List.of(a, b)), backend.traces.items())
        .isTrue();
    assertThat(
            metricSum(
                a, "tailgate_processor_tail_sampling_peers_received_spans_total", receivedFromB))
        .as("no span taken as B's forward")
        .isZero();
    assertThat(metricSum(a, "tailgate_processor_tail_sampling_peers_forwarded_spans_total", ""))
        .as("the traces B owns were forwarded to it, as any client's")
        .isPositive();
    assertThat(decided(List.of(b))).as("B decided the traces it owns").isPositive();
    assertThat(backend.traces.merged().getResourceSpansList())
        .allSatisfy(
            rs ->
                assertThat(rs.getResource().getAttributesList())
                    .extracting(KeyValue::getKey)
                    .doesNotContain("tailgate.forwarded_by"));

    long decidedByA = decided(List.of(a));
    assertThat(post(a, "127.0.0.1", markedRequest(markOfB))).isEqualTo(200);

    assertThat(
            Await.until(() -> decided(List.of(a)) == decidedByA + TRACES, Duration.ofSeconds(20)))
        .as("from the peers' own address the same mark keeps every trace on A")
        .isTrue();
    assertThat(
            metricSum(
                a, "tailgate_processor_tail_sampling_peers_received_spans_total", receivedFromB))
        .isEqualTo(TRACES);
  }

  /** One span in each of {@link #TRACES} new traces, under a resource marked {@code mark}. */
  ExportTraceServiceRequest markedRequest(String mark) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < TRACES; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(randomBytes(16)))
              .setSpanId(ByteString.copyFrom(randomBytes(8)))
              .setName("forged-" + i)
              .setStartTimeUnixNano(now)
              .setEndTimeUnixNano(now + 1_000_000L));
    }
    Resource resource =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "intruder"))
            .addAttributes(attribute("tailgate.forwarded_by", mark))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /**
   * POSTs {@code request} as OTLP/HTTP protobuf to {@code gateway} over a socket bound to {@code
   * localAddress} (any 127/8 address is the loopback on Linux); returns the HTTP status.
   */
  static int post(GatewayUnderTest gateway, String localAddress, ExportTraceServiceRequest request)
      throws IOException {
    byte[] body = request.toByteArray();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", gateway.httpPort), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/traces HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + gateway.httpPort
                  + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      // "HTTP/1.1 200 OK"
      return Integer.parseInt(response.substring(9, 12));
    }
  }
}
