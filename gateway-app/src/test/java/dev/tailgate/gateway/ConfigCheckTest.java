package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check config.yml} through the real command line, as a user runs it. */
class ConfigCheckTest {
  @TempDir Path dir;
  private TailgateCli.Run last;

  private boolean check(String yaml) throws Exception {
    return runCommand("check", yaml);
  }

  private boolean runCommand(String command, String yaml) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml);
    last = TailgateCli.run(command, file);
    return last.succeeded();
  }

  private String errors() {
    return last.stderr();
  }

  @Test
  void acceptsTheDefaultConfig() throws Exception {
    assertThat(check(Files.readString(Path.of("../config.yml")))).as(errors()).isTrue();
  }

  @Test
  void acceptsTheCollectorShapedExampleWithAnUnresolvableBackend() throws Exception {
    String yaml =
        """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 0.0.0.0:4317, max_recv_msg_size_mib: 16 }
              http: { endpoint: 0.0.0.0:4318, max_request_body_size: 20MiB }
        processors:
          batch: { send_batch_size: 8192, send_batch_max_size: 0, timeout: 200ms }
        exporters:
          debug: { verbosity: basic }
          otlp: { endpoint: backend:4317, tls: { insecure: true }, timeout: 5s }
        service:
          pipelines:
            traces:  { receivers: [otlp], processors: [batch], exporters: [otlp, debug] }
            traces/canary: { receivers: [otlp], exporters: [debug] }
            metrics: { receivers: [otlp], processors: [batch], exporters: [otlp] }
            logs:    { receivers: [otlp], processors: [batch], exporters: [otlp] }
        server:
          adminConnectors: [ { type: http, port: 8081 } ]
        """;
    assertThat(check(yaml)).as(errors()).isTrue();
  }

  @Test
  void passesCollectorKeysThatDoNothingHereAndPrintsAWarningNamingEach() throws Exception {
    String yaml =
        """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 127.0.0.1:4317, read_buffer_size: 524288 }
        exporters:
          otlphttp: { endpoint: "http://backend:4318", max_idle_conns: 10, tls: { insecure: true } }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [otlphttp] }
        """;
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean ok;
    // check prints its verdict on the process's stdout, not the Cli's stream
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ok = check(yaml);
    } finally {
      System.setOut(stdout);
    }
    assertThat(ok).as(errors()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Warnings")
        .contains("receivers.otlp.protocols.grpc.read_buffer_size: has no effect here: Netty sizes")
        .contains("exporters.otlphttp.max_idle_conns: has no effect here")
        .contains("exporters.otlphttp.tls.insecure: has no effect here: the URL's scheme")
        .contains("Configuration is OK");
  }

  @Test
  void passesTheCollectorsOperationalExtensionsAndTelemetryAndSaysWhereTheirJobIsDoneHere()
      throws Exception {
    String yaml =
        """
        extensions:
          health_check: { endpoint: 0.0.0.0:13133 }
          pprof: { endpoint: localhost:1777 }
          zpages: {}
          bearertokenauth: { token: s3cret }
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 127.0.0.1:4317, auth: { authenticator: bearertokenauth } }
        exporters:
          debug: {}
        service:
          extensions: [health_check, pprof, zpages, bearertokenauth]
          telemetry:
            logs: { level: debug }
            metrics: { level: detailed }
          pipelines:
            traces: { receivers: [otlp], exporters: [debug] }
        """;
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean ok;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ok = check(yaml);
    } finally {
      System.setOut(stdout);
    }
    assertThat(ok).as(errors()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("extensions.health_check: has no effect here: health is served on the admin port")
        .contains("extensions.pprof: has no effect here")
        .contains("extensions.zpages: has no effect here: the admin port's /status page")
        .contains("service.telemetry: has no effect here")
        .doesNotContain("extensions.bearertokenauth:");
  }

  @Test
  void printsTheWarningsBesideTheErrorsOfAConfigThatCannotRun() throws Exception {
    String yaml =
        """
        receivers:
          otlp: { protocols: { grpc: { endpoint: 127.0.0.1:4317, write_buffer_size: 1024 } } }
        exporters: { debug: { verbosity: loud } }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [debug] }
        """;
    assertThat(check(yaml)).isFalse();
    assertThat(errors())
        .contains("exporters.debug.verbosity")
        .contains("receivers.otlp.protocols.grpc.write_buffer_size: has no effect here");
  }

  @Test
  void namesAProcessorThatIsNotConfigured() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { grpc: {} } } }
        exporters: { debug: {} }
        service:
          pipelines:
            traces: { receivers: [otlp], processors: [x], exporters: [debug] }
        """;
    assertThat(check(yaml)).isFalse();
    assertThat(errors())
        .contains("service.pipelines.traces: references processor \"x\" which is not configured");
  }

  @Test
  void serverRefusesToStartWithTheSameMessage() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { grpc: { endpoint: 127.0.0.1:0 } } } }
        exporters: { debug: {} }
        service:
          pipelines:
            traces: { receivers: [otlp], processors: [x], exporters: [debug] }
        """;
    assertThat(runCommand("server", yaml)).isFalse();
    assertThat(errors())
        .contains("service.pipelines.traces: references processor \"x\" which is not configured");
  }

  @Test
  void namesUnknownTypesAndKeysWithTheirPath() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { grpc: { endpoint: 0.0.0.0:4317, max_msg: 3 } } } }
        processors: { batch: { timeout: -1s }, sampler: {} }
        exporters: { debug: { verbosity: loud } }
        service:
          pipelines:
            traces: { receivers: [otlp], processors: [batch], exporters: [debug] }
        """;
    assertThat(check(yaml)).isFalse();
    assertThat(errors())
        .contains("receivers.otlp.protocols.grpc.max_msg: unknown key")
        .contains("processors.sampler: unknown processor type \"sampler\"")
        .contains("processors.batch.timeout")
        .contains("exporters.debug.verbosity");
  }

  @Test
  void namesTheOffendingKeysOfAnOtlpHttpExporterUnderEitherName() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { http: { endpoint: 0.0.0.0:4318 } } } }
        exporters:
          otlphttp: { endpoint: "backend:4318", compression: lz4, max_idle_conns: 10 }
          otlp_http/logs: { logs_endpoint: "http://loki:3100/otlp/v1/logs", encoding: protobuf }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [otlphttp] }
            logs: { receivers: [otlp], exporters: [otlp_http/logs] }
        """;
    assertThat(check(yaml)).isFalse();
    assertThat(errors())
        .contains(
            "exporters.otlphttp.endpoint: \"backend:4318\" must be an http:// or https:// URL")
        .contains("exporters.otlphttp.compression: must be gzip, zstd, snappy, none or \"\"")
        .contains("exporters.otlp_http/logs.encoding: must be proto or json, not \"protobuf\"")
        .doesNotContain("* exporters.otlphttp.max_idle_conns: unknown")
        .contains("Warnings")
        .contains("* exporters.otlphttp.max_idle_conns: has no effect here");
  }

  @Test
  void namesTheMissingSignalEndpointOfAnOtlpHttpExporterThatAPipelineUses() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { http: { endpoint: 0.0.0.0:4318 } } } }
        exporters:
          otlphttp/tempo: { traces_endpoint: "http://tempo:4318/v1/traces" }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [otlphttp/tempo] }
            logs: { receivers: [otlp], exporters: [otlphttp/tempo] }
        """;
    assertThat(check(yaml)).isFalse();
    assertThat(errors())
        .contains(
            "exporters.otlphttp/tempo.logs_endpoint: is required (or endpoint): a logs pipeline"
                + " exports to it")
        .doesNotContain("traces_endpoint: is required");
  }

  @Test
  void namesAnUnknownTopLevelKey() throws Exception {
    assertThat(check("recievers: {}\n")).isFalse();
    assertThat(errors()).contains("recievers");
  }

  @Test
  void substitutesEnvironmentVariablesWithDefaults() throws Exception {
    String yaml =
        """
        receivers: { otlp: { protocols: { grpc: { endpoint: "${TAILGATE_TEST_UNSET_VAR:-127.0.0.1:4999}" } } } }
        exporters: { debug: {} }
        service: { pipelines: { logs: { receivers: [otlp], exporters: [debug] } } }
        """;
    assertThat(check(yaml)).as(errors()).isTrue();
  }

  @Test
  void reportsEveryProblemThatServerWouldOnlyFindAsItCreatesOrStartsComponents() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "");
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Path missingTokens = dir.resolve("no-such-tokens");
    String yaml =
        """
        extensions:
          bearertokenauth: { filename: %s }
        receivers:
          otlp: { protocols: { grpc: { endpoint: 127.0.0.1:4317 }, http: { endpoint: 127.0.0.1:4318 } } }
          otlp/b: { protocols: { grpc: { endpoint: 127.0.0.1:4317 }, http: { endpoint: 127.0.0.1:4319 } } }
          otlp/c: { protocols: { grpc: { endpoint: 0.0.0.0:18081 } } }
        exporters:
          otlp:
            endpoint: backend:4317
            tls: { ca_file: %s }
            sending_queue: { storage: { directory: %s } }
        service:
          extensions: [ bearertokenauth ]
          pipelines:
            traces: { receivers: [otlp, otlp/b], exporters: [otlp] }
            metrics: { receivers: [otlp/c], exporters: [otlp] }
        server:
          adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: 18081 } ]
        """
            .formatted(missingTokens, notPem, notADirectory.resolve("queue"));

    assertThat(check(yaml)).isFalse();
    String reported = errors();
    assertThat(reported)
        .contains(
            "extensions.bearertokenauth.filename: cannot read the bearer token file "
                + missingTokens)
        .contains("exporters.otlp.tls.ca_file: ")
        .contains("receivers.otlp/b.protocols.http.endpoint: only one HTTP endpoint can be served")
        .contains(
            "receivers.otlp/b.protocols.grpc.endpoint: 127.0.0.1:4317 collides with"
                + " receivers.otlp.protocols.grpc.endpoint (127.0.0.1:4317)")
        .contains(
            "receivers.otlp/c.protocols.grpc.endpoint: 0.0.0.0:18081 collides with the admin port"
                + " server.adminConnectors[0] (127.0.0.1:18081)")
        .contains(
            "exporters.otlp.sending_queue.storage.directory: cannot use "
                + notADirectory.resolve("queue")
                + " ("
                + notADirectory
                + " is not a directory)");

    // server plans the same way, so it refuses the same config with the same list before it starts.
    assertThat(runCommand("server", yaml)).isFalse();
    assertThat(errors()).isEqualTo(reported);
  }
}
