package dev.tailgate.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds the logs export request of the log benchmarks, shaped like {@link PayloadFactory}'s
 * traces: one resource with six attributes, one scope, {@code recordsPerRequest} application log
 * lines with a string body, severity, trace context and {@code attributesPerRecord} attributes
 * (semantic-convention keys first, then generic ones). The same (shape, seed) always gives the same
 * request.
 */
public final class LogsPayloadFactory {
  /** Mid-2024, fixed so payloads do not depend on the wall clock. */
  private static final long BASE_TIME_NANOS = 1_717_200_000_000_000_000L;

  private static final String[] MESSAGES = {
    "order %d accepted for customer %s",
    "payment authorized for order %d (%s)",
    "cache miss for order %d, loading from %s",
    "retrying inventory reservation for order %d after timeout from %s"
  };
  private static final String[] HOSTS = {
    "orders.internal", "payments.internal", "inventory.internal"
  };
  private static final SeverityNumber[] SEVERITIES = {
    SeverityNumber.SEVERITY_NUMBER_INFO,
    SeverityNumber.SEVERITY_NUMBER_INFO,
    SeverityNumber.SEVERITY_NUMBER_DEBUG,
    SeverityNumber.SEVERITY_NUMBER_WARN,
    SeverityNumber.SEVERITY_NUMBER_ERROR
  };

  private final int recordsPerRequest;
  private final int attributesPerRecord;

  public LogsPayloadFactory(int recordsPerRequest, int attributesPerRecord) {
    if (recordsPerRequest < 1) {
      throw new IllegalArgumentException(
          "records per request must be >= 1, got " + recordsPerRequest);
    }
    if (attributesPerRecord < 0) {
      throw new IllegalArgumentException(
          "attributes per record must be >= 0, got " + attributesPerRecord);
    }
    this.recordsPerRequest = recordsPerRequest;
    this.attributesPerRecord = attributesPerRecord;
  }

  public ExportLogsServiceRequest create(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ScopeLogs.Builder scope =
        ScopeLogs.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("dev.tailgate.bench")
                    .setVersion("0.1.0"));
    for (int i = 0; i < recordsPerRequest; i++) {
      scope.addLogRecords(record(random, i));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource(random))
                .addScopeLogs(scope)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0"))
        .build();
  }

  private LogRecord record(SplittableRandom random, int index) {
    long time = BASE_TIME_NANOS + random.nextLong(3_600_000_000_000L);
    SeverityNumber severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
    String message =
        String.format(
            Locale.ROOT,
            MESSAGES[index % MESSAGES.length],
            random.nextInt(1_000_000),
            HOSTS[random.nextInt(HOSTS.length)]);
    LogRecord.Builder record =
        LogRecord.newBuilder()
            .setTimeUnixNano(time)
            .setObservedTimeUnixNano(time + random.nextLong(5_000_000L))
            .setSeverityNumber(severity)
            .setSeverityText(severity.name().substring("SEVERITY_NUMBER_".length()))
            .setBody(AnyValue.newBuilder().setStringValue(message))
            .setTraceId(randomBytes(random, 16))
            .setSpanId(randomBytes(random, 8))
            .setFlags(1);
    for (int a = 0; a < attributesPerRecord; a++) {
      record.addAttributes(attribute(random, a));
    }
    return record.build();
  }

  private static KeyValue attribute(SplittableRandom random, int a) {
    return switch (a) {
      case 0 -> KeyValues.string("code.function.name", "dev.tailgate.orders.OrderService.place");
      case 1 -> KeyValues.string("code.file.path", "OrderService.java");
      case 2 -> KeyValues.integer("code.line.number", 40 + random.nextInt(400));
      case 3 -> KeyValues.string("thread.name", "http-worker-" + random.nextInt(32));
      case 4 -> KeyValues.integer("thread.id", 100 + random.nextInt(32));
      case 5 -> KeyValues.string("server.address", HOSTS[random.nextInt(HOSTS.length)]);
      case 6 -> KeyValues.string("customer.id", "cust-" + Long.toHexString(random.nextLong()));
      case 7 -> KeyValues.bool("retry", random.nextInt(10) == 0);
      case 8 -> KeyValues.string("event.name", "order.lifecycle");
      case 9 -> KeyValues.integer("order.items", 1 + random.nextInt(20));
      default ->
          switch (a % 3) {
            case 0 -> KeyValues.string("app.attr." + a, "value-" + random.nextInt(10_000));
            case 1 -> KeyValues.integer("app.attr." + a, random.nextInt(1_000_000));
            default -> KeyValues.bool("app.attr." + a, random.nextBoolean());
          };
    };
  }

  private static Resource resource(SplittableRandom random) {
    return Resource.newBuilder()
        .addAttributes(KeyValues.string("service.name", "checkout"))
        .addAttributes(KeyValues.string("service.version", "1.4." + random.nextInt(20)))
        .addAttributes(KeyValues.string("service.instance.id", Long.toHexString(random.nextLong())))
        .addAttributes(KeyValues.string("host.name", "node-" + random.nextInt(64)))
        .addAttributes(KeyValues.string("deployment.environment.name", "production"))
        .addAttributes(KeyValues.string("telemetry.sdk.language", "java"))
        .build();
  }

  private static ByteString randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }
}
