package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Admin tasks: open on a loopback admin port, behind the admin token beyond it, off without one.
 */
class AdminSecurityEndToEndTest {
  private static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      exporters:
        debug: { verbosity: basic }
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [debug] }
        ADMIN_SECTION
      server:
        adminConnectors: [ { type: http, bindHost: BIND_HOST, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void tasksAreOpenOnALoopbackAdminPort() throws Exception {
    try (GatewayUnderTest gateway = gateway("127.0.0.1", "")) {
      assertThat(postGc(gateway, null)).isEqualTo(200);
    }
  }

  @Test
  void tasksAndThreadDumpsNeedTheTokenWhenTheAdminPortListensBeyondLoopback() throws Exception {
    try (GatewayUnderTest gateway = gateway("0.0.0.0", "admin: { token: s3cret-token }")) {
      assertThat(postGc(gateway, null)).isEqualTo(401);
      assertThat(postGc(gateway, "Bearer wrong")).isEqualTo(401);
      assertThat(gateway.admin("/threads").statusCode()).isEqualTo(401);

      assertThat(postGc(gateway, "Bearer s3cret-token")).isEqualTo(200);
      assertThat(gateway.admin("/ping").statusCode()).isEqualTo(200);
      assertThat(gateway.admin("/metrics").statusCode()).isEqualTo(200);
      assertThat(gateway.admin("/healthcheck").statusCode())
          .as("probes are never guarded")
          .isNotIn(401, 403);
    }
  }

  @Test
  void tasksAreOffBeyondLoopbackWithoutAToken() throws Exception {
    try (GatewayUnderTest gateway = gateway("0.0.0.0", "")) {
      HttpResponse<String> refused = send(gateway, "Bearer anything");

      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("service.admin.token");
    }
  }

  private static GatewayUnderTest gateway(String bindHost, String adminSection) throws Exception {
    String config = CONFIG.replace("BIND_HOST", bindHost).replace("ADMIN_SECTION", adminSection);
    return new GatewayUnderTest(config, FreePorts.next()).start();
  }

  private int postGc(GatewayUnderTest gateway, String authorization) throws Exception {
    return send(gateway, authorization).statusCode();
  }

  private HttpResponse<String> send(GatewayUnderTest gateway, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort + "/tasks/gc"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
