package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogsSignalTest {
  private final Signal<ExportLogsServiceRequest> logs = Signal.LOGS;

  /** A log record with the resource and scope (without their children) it sits under. */
  private record Item(ResourceLogs resource, ScopeLogs scope, LogRecord record) {}

  private static List<Item> items(ExportLogsServiceRequest batch) {
    List<Item> items = new ArrayList<>();
    for (ResourceLogs resource : batch.getResourceLogsList()) {
      ResourceLogs resourceOnly = resource.toBuilder().clearScopeLogs().build();
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        ScopeLogs scopeOnly = scope.toBuilder().clearLogRecords().build();
        for (LogRecord record : scope.getLogRecordsList()) {
          items.add(new Item(resourceOnly, scopeOnly, record));
        }
      }
    }
    return items;
  }

  private static List<Item> items(List<ExportLogsServiceRequest> batches) {
    List<Item> items = new ArrayList<>();
    batches.forEach(batch -> items.addAll(items(batch)));
    return items;
  }

  @Test
  void namesItsItemsLogRecords() {
    assertThat(logs.name()).isEqualTo("logs");
    assertThat(logs.itemName()).isEqualTo("log_records");
    assertThat(Signal.byName("logs")).isSameAs(logs);
  }

  @Test
  void countsLogRecordsOfEveryResourceAndScope() {
    assertThat(logs.count(TestBatches.logs(2, 3, 4))).isEqualTo(24);
    assertThat(logs.count(ExportLogsServiceRequest.getDefaultInstance())).isZero();
  }

  @Test
  void mergeKeepsTheOrderOfItsParts() {
    ExportLogsServiceRequest first = TestBatches.logs(1, 2, 2);
    ExportLogsServiceRequest second = TestBatches.logs(2, 1, 3);

    ExportLogsServiceRequest merged = logs.merge(List.of(first, second));

    List<ResourceLogs> expected = new ArrayList<>(first.getResourceLogsList());
    expected.addAll(second.getResourceLogsList());
    assertThat(merged.getResourceLogsList()).containsExactlyElementsOf(expected);
    assertThat(logs.count(merged)).isEqualTo(10);
  }

  @Test
  void mergeOfOnePartIsThatPart() {
    ExportLogsServiceRequest only = TestBatches.logs(1, 1, 3);
    assertThat(logs.merge(List.of(only))).isSameAs(only);
  }

  @ParameterizedTest(name = "at most {0} log records")
  @ValueSource(ints = {1, 4, 5, 6, 12, 24, 25, 1000})
  void splitKeepsEveryLogRecordOnceInOrderUnderItsResourceAndScope(int maxItems) {
    ExportLogsServiceRequest batch = TestBatches.logs(2, 3, 4);

    List<ExportLogsServiceRequest> parts = logs.split(batch, maxItems);

    assertThat(parts).hasSize((24 + maxItems - 1) / maxItems);
    assertThat(parts).allSatisfy(part -> assertThat(logs.count(part)).isBetween(1, maxItems));
    assertThat(items(parts)).containsExactlyElementsOf(items(batch));
  }

  @Test
  void splitFillsEveryPartButTheLast() {
    List<ExportLogsServiceRequest> parts = logs.split(TestBatches.logs(2, 3, 4), 7);

    assertThat(parts).extracting(logs::count).containsExactly(7, 7, 7, 3);
  }

  @Test
  void splitOfABatchThatFitsReturnsItUnchanged() {
    ExportLogsServiceRequest batch = TestBatches.logs(2, 2, 2);

    assertThat(logs.split(batch, 8)).containsExactly(batch);
    assertThat(logs.split(batch, 100)).containsExactly(batch);
  }

  @Test
  void splitOfAnEmptyBatchGivesNoBatches() {
    assertThat(logs.split(ExportLogsServiceRequest.getDefaultInstance(), 10)).isEmpty();
  }

  @Test
  void splitRefusesANonPositiveLimit() {
    ExportLogsServiceRequest batch = TestBatches.logs(1, 1, 2);

    assertThatThrownBy(() -> logs.split(batch, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> logs.split(batch, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesItsOwnEncoding() throws Exception {
    ExportLogsServiceRequest batch = TestBatches.logs(1, 2, 3);
    assertThat(logs.parse(batch.toByteArray())).isEqualTo(batch);
  }
}
