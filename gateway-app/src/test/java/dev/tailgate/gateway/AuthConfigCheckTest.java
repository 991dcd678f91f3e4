package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check config.yml} on {@code extensions:}, {@code service.extensions} and receivers' {@code
 * auth}.
 */
class AuthConfigCheckTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void acceptsAnAuthenticatorThatIsConfiguredAndEnabled() throws Exception {
    boolean ok =
        check(
            """
            extensions:
              bearertokenauth: { token: s3cret }
              basicauth/users: { htpasswd: { inline: "alice:{SHA}tiY7sUhYKUwI5L3866kDY+ENcrQ=" } }
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: 127.0.0.1:4317, auth: { authenticator: bearertokenauth } }
                  http: { endpoint: 127.0.0.1:4318, auth: { authenticator: basicauth/users } }
            exporters:
              debug: {}
            service:
              extensions: [ bearertokenauth, basicauth/users ]
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
            """);

    assertThat(ok).as(errors()).isTrue();
  }

  @Test
  void reportsAnUnknownAuthenticatorIdWithItsKeyPath() throws Exception {
    boolean ok =
        check(
            """
            receivers:
              otlp:
                protocols:
                  http: { endpoint: 127.0.0.1:4318, auth: { authenticator: bearertokenauth/nope } }
            exporters:
              debug: {}
            service:
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
            """);

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains(
            "receivers.otlp.protocols.http.auth.authenticator: authenticator"
                + " \"bearertokenauth/nope\" is not an extension configured under extensions and"
                + " listed in service.extensions");
  }

  @Test
  void reportsAnExtensionThatIsNotEnabledInServiceExtensions() throws Exception {
    boolean ok =
        check(
            """
            extensions:
              bearertokenauth: { token: s3cret }
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: 127.0.0.1:4317, auth: { authenticator: bearertokenauth } }
            exporters:
              debug: {}
            service:
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
            """);

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains(
            "receivers.otlp.protocols.grpc.auth.authenticator: authenticator \"bearertokenauth\"");
  }

  @Test
  void reportsAnEnabledIdThatIsNotConfiguredAndAnUnknownTypeAndABadConfig() throws Exception {
    boolean ok =
        check(
            """
            extensions:
              oauth2/x: {}
              bearertokenauth: { token: a, filename: /etc/token }
            receivers:
              otlp:
                protocols: { http: { endpoint: 127.0.0.1:4318 } }
            exporters:
              debug: {}
            service:
              extensions: [ basicauth ]
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
            """);

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains(
            "service.extensions[0]: extension \"basicauth\" is not configured under extensions")
        .contains(
            "extensions.oauth2/x: unknown extension type \"oauth2\" (known: bearertokenauth,"
                + " basicauth,")
        .contains("extensions.bearertokenauth: set exactly one of token, tokens and filename");
  }

  @Test
  void reportsAnExtensionNamedWhereItsKindCannotServe() throws Exception {
    boolean ok =
        check(
            """
            extensions:
              bearertokenauth: { token: s3cret }
              headers_setter: { headers: [ { key: X-Scope-OrgID, from_context: tenant } ] }
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: 127.0.0.1:4317, auth: { authenticator: headers_setter } }
            exporters:
              otlp: { endpoint: 127.0.0.1:4999, auth: { authenticator: bearertokenauth } }
              prometheusremotewrite: { endpoint: "http://127.0.0.1:9090/api/v1/write", auth: { authenticator: headers_setter } }
            service:
              extensions: [ bearertokenauth, headers_setter ]
              pipelines:
                traces: { receivers: [otlp], exporters: [otlp] }
                metrics: { receivers: [otlp], exporters: [prometheusremotewrite] }
            """);

    assertThat(ok).isFalse();
    assertThat(errors())
        .contains(
            "receivers.otlp.protocols.grpc.auth.authenticator: extension \"headers_setter\" cannot"
                + " serve here: a receiver needs a server authenticator")
        .contains(
            "exporters.otlp.auth.authenticator: extension \"bearertokenauth\" cannot serve here: an"
                + " exporter needs a client extension (headers_setter)")
        .doesNotContain("exporters.prometheusremotewrite");
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
