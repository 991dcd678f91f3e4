package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code server} would refuse only as it creates or starts the components, found by the
 * planner that {@code check} runs: each problem with the key to fix.
 */
class GatewayPlannerTest {
  private static final String DEBUG_OUT =
      """
      exporters: { debug: {} }
      """;

  @TempDir static Path dir;
  private static Issued server;

  @BeforeAll
  static void issue() {
    server = TestCertificates.authority(dir, "planner").issue("planner-server");
  }

  @Test
  void checkRefusesTwoHttpEndpoints() throws Exception {
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { http: { endpoint: 127.0.0.1:4318 } } }
              otlp/b: { protocols: { http: { endpoint: 127.0.0.1:4319 } } }
            service: { pipelines: { traces: { receivers: [otlp, otlp/b], exporters: [debug] } } }
            """);

    assertThat(problems)
        .containsExactly(
            "receivers.otlp/b.protocols.http.endpoint: only one HTTP endpoint can be served;"
                + " 127.0.0.1:4318 (receivers.otlp.protocols.http) and 127.0.0.1:4319 were"
                + " configured");
  }

  @Test
  void checkRefusesTlsOnAnHttpEndpointThatReceiversShare() throws Exception {
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { http: { endpoint: 127.0.0.1:4318, tls: { cert_file: %s, key_file: %s } } } }
              otlp/b: { protocols: { http: { endpoint: 127.0.0.1:4318 } } }
            service:
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
                logs: { receivers: [otlp/b], exporters: [debug] }
            """
                .formatted(server.certFile(), server.keyFile()));

    assertThat(problems)
        .containsExactly(
            "receivers.otlp.protocols.http.tls: the one HTTP endpoint 127.0.0.1:4318 is served by"
                + " several receivers (otlp, otlp/b), which cannot have tls; give it to one"
                + " receiver only");
  }

  @Test
  void checkAcceptsReceiversThatShareAPlainHttpEndpoint() throws Exception {
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { http: { endpoint: 127.0.0.1:4318 } } }
              otlp/b: { protocols: { http: { endpoint: 127.0.0.1:4318 } } }
            service: { pipelines: { traces: { receivers: [otlp, otlp/b], exporters: [debug] } } }
            """);

    assertThat(problems).isEmpty();
  }

  @Test
  void checkIgnoresAReceiverThatNoPipelineNames() throws Exception {
    // The gateway creates only the receivers its pipelines name; this one never listens.
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { http: { endpoint: 127.0.0.1:4318 } } }
              otlp/spare: { protocols: { http: { endpoint: 127.0.0.1:4319 }, grpc: { endpoint: 127.0.0.1:4318 } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }
            """);

    assertThat(problems).isEmpty();
  }

  @Test
  void checkRefusesANonDefaultServerType() throws Exception {
    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }
            server: { type: simple }
            """);

    assertThat(problems).containsExactly("server.type: only the default server type is supported");
  }

  @Test
  void checkRefusesTwoGrpcReceiversOnOneEndpoint() throws Exception {
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { grpc: { endpoint: 0.0.0.0:4317 } } }
              otlp/b: { protocols: { grpc: { endpoint: 127.0.0.1:4317 } } }
            service: { pipelines: { traces: { receivers: [otlp, otlp/b], exporters: [debug] } } }
            """);

    assertThat(problems)
        .containsExactly(
            "receivers.otlp/b.protocols.grpc.endpoint: 127.0.0.1:4317 collides with"
                + " receivers.otlp.protocols.grpc.endpoint (0.0.0.0:4317); give each listener a"
                + " port of its own");
  }

  @Test
  void checkRefusesGrpcAndHttpOnOnePort() throws Exception {
    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: localhost:4318 }, http: { endpoint: 127.0.0.1:4318 } } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }
            """);

    assertThat(problems)
        .containsExactly(
            "receivers.otlp.protocols.grpc.endpoint: localhost:4318 collides with"
                + " receivers.otlp.protocols.http.endpoint (127.0.0.1:4318); give each listener a"
                + " port of its own");
  }

  @Test
  void checkRefusesAReceiverOnTheAdminPort() throws Exception {
    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { http: { endpoint: 0.0.0.0:18081 } } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }
            server: { adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: 18081 } ] }
            """);

    assertThat(problems)
        .containsExactly(
            "receivers.otlp.protocols.http.endpoint: 0.0.0.0:18081 collides with the admin port"
                + " server.adminConnectors[0] (127.0.0.1:18081); give each listener a port of its"
                + " own");
  }

  @Test
  void checkAcceptsOnePortOnTwoAddressesAndAnyNumberOfFreePorts() throws Exception {
    List<String> problems =
        problems(
            """
            receivers:
              otlp: { protocols: { grpc: { endpoint: 127.0.0.1:4317 }, http: { endpoint: 127.0.0.1:0 } } }
              otlp/b: { protocols: { grpc: { endpoint: 127.0.0.2:4317 } } }
              otlp/c: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } }
            service: { pipelines: { traces: { receivers: [otlp, otlp/b, otlp/c], exporters: [debug] } } }
            server: { adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: 0 } ] }
            """);

    assertThat(problems).isEmpty();
  }

  @Test
  void checkRefusesAQueueDirectoryThatCannotBeCreated() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "");
    Path queue = file.resolve("queue");

    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
            exporters:
              otlp: { endpoint: backend:4317, sending_queue: { storage: { directory: %s } } }
            service:
              pipelines:
                traces: { receivers: [otlp], exporters: [otlp] }
                logs: { receivers: [otlp], exporters: [otlp] }
            """
                .formatted(queue));

    // One directory per signal, refused for one reason: said once.
    assertThat(problems)
        .containsExactly(
            "exporters.otlp.sending_queue.storage.directory: cannot use "
                + queue
                + " ("
                + file
                + " is not a directory)");
  }

  @Test
  void checkAcceptsAQueueDirectoryToBeCreatedAndLeavesItUncreated() throws Exception {
    Path queue = dir.resolve("fresh/queue");

    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
            exporters:
              otlp: { endpoint: backend:4317, sending_queue: { storage: { directory: %s } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [otlp] } } }
            """
                .formatted(queue));

    assertThat(problems).isEmpty();
    assertThat(dir.resolve("fresh")).doesNotExist();
  }

  @Test
  void checkIgnoresTheQueueOfAnExporterThatNoPipelineNames() throws Exception {
    Path file = Files.writeString(dir.resolve("also-not-a-directory"), "");

    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
            exporters:
              debug: {}
              otlp: { endpoint: backend:4317, sending_queue: { storage: { directory: %s } } }
            service: { pipelines: { traces: { receivers: [otlp], exporters: [debug] } } }
            """
                .formatted(file.resolve("queue")));

    assertThat(problems).isEmpty();
  }

  @Test
  void checkRefusesADrainTimeoutWithoutAValue() throws Exception {
    List<String> problems =
        problems(
            """
            receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
            service:
              drain_timeout:
              pipelines: { traces: { receivers: [otlp], exporters: [debug] } }
            """);

    assertThat(problems)
        .containsExactly("service.drain_timeout: must be a duration (example: 30s)");
  }

  /** The problems plan reports for {@code yaml} (with a debug exporter unless it has exporters). */
  private static List<String> problems(String yaml) throws Exception {
    String text = yaml.matches("(?s)(.*\n)?exporters:.*") ? yaml : DEBUG_OUT + yaml;
    YamlConfigurationFactory<TailgateConfiguration> factory =
        new YamlConfigurationFactory<>(
            TailgateConfiguration.class,
            Validators.newValidator(),
            Jackson.newObjectMapper(),
            "dw");
    TailgateConfiguration config =
        factory.build(
            path -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "config.yml");
    try {
      GatewayPlanner.plan(config);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }
}
