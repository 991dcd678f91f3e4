package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.client.grpc.GrpcChannelOptions;
import dev.tailgate.pipeline.client.grpc.GrpcKeepalive;
import dev.tailgate.pipeline.exporterhelper.QueueBatchConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Collector's otlp exporter, configgrpc, configtls and exporterhelper keys (issue 13). */
class OtlpExporterCollectorKeysTest {
  private final YamlConfig yaml = new YamlConfig("exporters.otlp");

  @Test
  void bindsTheCollectorsGrpcClientKeysOntoTheChannel() {
    OtlpExporterConfig config =
        yaml.bind(
            """
            endpoint: 1.2.3.4:1234
            keepalive: { time: 20s, timeout: 30s, permit_without_stream: true }
            balancer_name: pick_first
            authority: backend.example.com
            wait_for_ready: true
            user_agent: tailgate-test
            """,
            OtlpExporterConfig.class);

    assertThat(config.channelOptions())
        .isEqualTo(
            new GrpcChannelOptions(
                new GrpcKeepalive(Duration.ofSeconds(20), Duration.ofSeconds(30), true),
                "pick_first",
                "backend.example.com",
                true,
                "tailgate-test"));
  }

  @Test
  void balancesRoundRobinByDefaultAsTheCollector() {
    assertThat(yaml.bind("endpoint: a:1", OtlpExporterConfig.class).balancerName())
        .isEqualTo("round_robin");
  }

  @Test
  void refusesABalancerGrpcJavaDoesNotHave() {
    assertThat(yaml.problems("{ endpoint: a:1, balancer_name: grpclb }", OtlpExporterConfig.class))
        .containsExactly(
            "exporters.otlp.balancer_name: must be one of [pick_first, round_robin], not"
                + " \"grpclb\"");
  }

  @Test
  void bindsTheQueuesBatchBlockWithTheCollectorsDefaultsAndWarnsItIsTheBatchProcessorsJob() {
    String config =
        """
        endpoint: a:1
        sending_queue:
          sizer: items
          queue_size: 100000
          batch: { flush_timeout: 200ms, min_size: 1000, max_size: 10000 }
        """;
    OtlpExporterConfig bound = yaml.bind(config, OtlpExporterConfig.class);

    assertThat(bound.sendingQueue().batch())
        .isEqualTo(
            new QueueBatchConfig(Duration.ofMillis(200), 1000L, 10000L, QueueSizer.ITEMS, null));
    assertThat(yaml.warnings(config, OtlpExporterConfig.class))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("exporters.otlp.sending_queue.batch: has no effect here");
  }

  @Test
  void anEmptyBatchBlockAsksForTheDefaultsAndAnAbsentOneForNone() {
    assertThat(
            yaml.bind("{ endpoint: a:1, sending_queue: { batch: } }", OtlpExporterConfig.class)
                .sendingQueue()
                .batch())
        .isEqualTo(QueueBatchConfig.DEFAULT);
    assertThat(yaml.bind("endpoint: a:1", OtlpExporterConfig.class).sendingQueue().batch())
        .isNull();
  }

  @Test
  void refusesABatchWhoseMaxIsBelowItsMinNamingTheKey() {
    assertThat(
            yaml.problems(
                "{ endpoint: a:1, sending_queue: { batch: { min_size: 10, max_size: 5 } } }",
                OtlpExporterConfig.class))
        .containsExactly(
            "exporters.otlp.sending_queue.batch.max_size: must be 0 or >= min_size (10)");
  }

  @Test
  void warnsForEveryCollectorKeyWithoutEffectHere() {
    List<String> warnings =
        yaml.warnings(
            """
            endpoint: a:1
            read_buffer_size: 1024
            write_buffer_size: 1024
            sending_queue: { block_on_overflow: true, wait_for_result: true }
            tls: { reload_interval: 1m, include_system_ca_certs_pool: true, cipher_suites: [x] }
            """,
            OtlpExporterConfig.class);

    assertThat(warnings)
        .extracting(w -> w.substring(0, w.indexOf(':')))
        .containsExactlyInAnyOrder(
            "exporters.otlp.read_buffer_size",
            "exporters.otlp.write_buffer_size",
            "exporters.otlp.sending_queue.block_on_overflow",
            "exporters.otlp.sending_queue.wait_for_result",
            "exporters.otlp.tls.reload_interval",
            "exporters.otlp.tls.include_system_ca_certs_pool",
            "exporters.otlp.tls.cipher_suites");
  }

  @Test
  void aStorageExtensionIdKeepsTheQueueInMemoryAndSaysSo() {
    assertThat(
            yaml.warnings(
                "{ endpoint: a:1, sending_queue: { storage: file_storage/q } }",
                OtlpExporterConfig.class))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("exporters.otlp.sending_queue.storage: has no effect here");
    assertThat(
            yaml.bind(
                    "{ endpoint: a:1, sending_queue: { storage: file_storage/q } }",
                    OtlpExporterConfig.class)
                .sendingQueue()
                .persistent())
        .isFalse();
  }

  @Test
  void refusesAnUnknownTlsVersionNamingTheKey() {
    assertThat(
            yaml.problems("{ endpoint: a:1, tls: { min_version: asd } }", OtlpExporterConfig.class))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("exporters.otlp.tls.min_version: unsupported TLS version \"asd\"");
  }

  @Test
  void narrowsTheChannelsTlsVersionsOnlyWhereTheyDifferFromGrpcsOwn() {
    assertThat(
            yaml.bind("{ endpoint: a:1, tls: { min_version: \"1.1\" } }", OtlpExporterConfig.class)
                .tls()
                .grpcProtocols())
        .isEmpty();
    assertThat(
            yaml.bind("{ endpoint: a:1, tls: { min_version: \"1.3\" } }", OtlpExporterConfig.class)
                .tls()
                .grpcProtocols())
        .containsExactly("TLSv1.3");
    assertThat(
            yaml.bind("{ endpoint: a:1, tls: { max_version: \"1.2\" } }", OtlpExporterConfig.class)
                .tls()
                .grpcProtocols())
        .containsExactly("TLSv1.2");
  }
}
