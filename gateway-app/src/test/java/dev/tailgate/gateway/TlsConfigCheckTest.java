package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check config.yml} reads the receivers' TLS files, so a bad one is found before a start.
 */
class TlsConfigCheckTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:4317, tls: { cert_file: CERT, key_file: KEY } }
            http: { endpoint: 127.0.0.1:4318, tls: { cert_file: CERT, key_file: KEY, client_ca_file: CA } }
      exporters:
        debug: {}
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [debug] }
      """;

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued server;
  private static Issued other;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "check");
    server = ca.issue("check-server");
    other = ca.issue("check-other");
  }

  @Test
  void acceptsReadableMatchingFiles() throws Exception {
    boolean ok = check(config(server.certFile(), server.keyFile(), ca.caFile()));

    assertThat(ok).as(errors()).isTrue();
  }

  @Test
  void reportsAKeyOfAnotherCertificateOnEachProtocol() throws Exception {
    boolean ok = check(config(server.certFile(), other.keyFile(), ca.caFile()));

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains(
            "receivers.otlp.protocols.grpc.tls.key_file: does not match the certificate in"
                + " cert_file (CN=check-server)")
        .contains(
            "receivers.otlp.protocols.http.tls.key_file: does not match the certificate in"
                + " cert_file (CN=check-server)");
  }

  @Test
  void reportsAClientCaFileThatDoesNotExist() throws Exception {
    boolean ok = check(config(server.certFile(), server.keyFile(), dir.resolve("missing-ca.crt")));

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains("receivers.otlp.protocols.http.tls.client_ca_file: file ")
        .contains("missing-ca.crt does not exist");
  }

  private static String config(Path cert, Path key, Path clientCa) {
    return CONFIG
        .replace("CERT", cert.toString())
        .replace("KEY", key.toString())
        .replace("CA", clientCa.toString());
  }

  private boolean check(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".yml");
    Files.writeString(file, yaml);
    TailgateApplication application = new TailgateApplication();
    Bootstrap<TailgateConfiguration> bootstrap = new Bootstrap<>(application);
    application.addDefaultCommands(bootstrap);
    application.initialize(bootstrap);
    Cli cli =
        new Cli(
            new JarLocation(TailgateApplication.class),
            bootstrap,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run("check", file.toString()).isEmpty();
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
