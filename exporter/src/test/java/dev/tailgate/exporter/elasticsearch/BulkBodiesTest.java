package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkBodiesTest {
  private final YamlConfig yaml = new YamlConfig("exporters.elasticsearch");

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void writesTheSenderBodyOfACreateLineAndASourceLinePerSpan() {
    ElasticsearchExporterConfig config =
        yaml.bind("endpoint: http://localhost:9200", ElasticsearchExporterConfig.class);
    ExportTraceServiceRequest batch = OtlpSamples.traces();

    List<byte[]> bodies = BulkBodies.of(config, Signal.TRACES).of(batch);

    List<Document> documents = Documents.encode(Signal.TRACES, MappingMode.OTEL, batch);
    assertThat(bodies).hasSize(1);
    assertThat(text(bodies.get(0))).isEqualTo(text(BulkRequests.body(documents)));
    assertThat(text(bodies.get(0)).split("\n")).hasSize(2 * documents.size());
  }

  @Test
  void cutsBodiesAtFlushBytesAsTheSenderDoes() {
    ElasticsearchExporterConfig config =
        yaml.bind(
            "{endpoint: 'http://localhost:9200', flush: {bytes: 1}}",
            ElasticsearchExporterConfig.class);

    List<byte[]> bodies = BulkBodies.of(config, Signal.TRACES).of(OtlpSamples.traces());

    assertThat(bodies).hasSize(3);
    assertThat(bodies)
        .allSatisfy(
            body ->
                assertThat(text(body))
                    .startsWith("{\"create\":{\"_index\":\"traces-generic-default\"}}\n"));
  }
}
