package dev.tailgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsPayloadFactoryTest {

  @Test
  void sameSeedGivesIdenticalBytes() {
    LogsPayloadFactory factory = new LogsPayloadFactory(50, 10);

    assertThat(factory.create(7).toByteArray()).isEqualTo(factory.create(7).toByteArray());
    assertThat(factory.create(7)).isNotEqualTo(factory.create(8));
  }

  @Test
  void everyRecordHasBodySeverityTraceContextAndRequestedAttributes() {
    for (int attributes : new int[] {0, 3, 10, 25}) {
      ExportLogsServiceRequest request = new LogsPayloadFactory(30, attributes).create(3);
      List<LogRecord> records = request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();

      assertThat(records).hasSize(30);
      assertThat(records)
          .allSatisfy(
              record -> {
                assertThat(record.getBody().getStringValue()).isNotEmpty();
                assertThat(record.getSeverityNumberValue()).isPositive();
                assertThat(record.getTraceId().size()).isEqualTo(16);
                assertThat(record.getSpanId().size()).isEqualTo(8);
                assertThat(record.getAttributesList().stream().map(KeyValue::getKey).distinct())
                    .hasSize(attributes);
              });
    }
  }

  @Test
  void refusesEmptyRequests() {
    assertThatThrownBy(() -> new LogsPayloadFactory(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("records per request");
  }
}
