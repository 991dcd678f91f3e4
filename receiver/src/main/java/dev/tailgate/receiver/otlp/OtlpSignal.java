package dev.tailgate.receiver.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.tailgate.pipeline.OtlpService;
import dev.tailgate.pipeline.OtlpServices;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.List;

/**
 * What the OTLP receiver needs to know about one signal beyond its {@link OtlpService} (paths, gRPC
 * method, partial success): how its requests are parsed from JSON and how its items are validated.
 */
record OtlpSignal<T extends Message, R extends Message>(
    Signal<T> signal,
    OtlpService<T, R> otlp,
    Parser<T> requestParser,
    JsonReader<T> jsonReader,
    ItemValidator<T> validator) {

  /** Reads one signal's export request from OTLP/JSON. */
  @FunctionalInterface
  interface JsonReader<T> {
    T read(OtlpJson json, byte[] bytes, int offset, int length)
        throws InvalidProtocolBufferException;
  }

  static final OtlpSignal<ExportTraceServiceRequest, ExportTraceServiceResponse> TRACES =
      new OtlpSignal<>(
          Signal.TRACES,
          OtlpServices.TRACES,
          ExportTraceServiceRequest.parser(),
          (json, bytes, offset, length) ->
              json.merge(bytes, offset, length, ExportTraceServiceRequest.newBuilder()).build(),
          new SpanIdValidator());

  static final OtlpSignal<ExportMetricsServiceRequest, ExportMetricsServiceResponse> METRICS =
      new OtlpSignal<>(
          Signal.METRICS,
          OtlpServices.METRICS,
          ExportMetricsServiceRequest.parser(),
          (json, bytes, offset, length) ->
              json.merge(bytes, offset, length, ExportMetricsServiceRequest.newBuilder()).build(),
          ItemValidator.countOnly(Signal.METRICS));

  static final OtlpSignal<ExportLogsServiceRequest, ExportLogsServiceResponse> LOGS =
      new OtlpSignal<>(
          Signal.LOGS,
          OtlpServices.LOGS,
          ExportLogsServiceRequest.parser(),
          (json, bytes, offset, length) ->
              json.merge(bytes, offset, length, ExportLogsServiceRequest.newBuilder()).build(),
          new LogRecordIdValidator());

  static final List<OtlpSignal<?, ?>> ALL = List.of(TRACES, METRICS, LOGS);

  private static final SignalMap.Kind VALIDATOR = new SignalMap.Kind("OTLP item validator");
  private static final SignalMap.Kind JSON_READER = new SignalMap.Kind("OTLP/JSON reader");

  /** Each signal's validator and JSON reader, for receivers that know the signal only. */
  private static final SignalMap PARTS =
      parts(parts(parts(SignalMap.empty(), TRACES), METRICS), LOGS);

  private static <T extends Message> SignalMap parts(SignalMap parts, OtlpSignal<T, ?> otlp) {
    return parts
        .with(validatorKey(otlp.signal()), otlp.validator())
        .with(jsonReaderKey(otlp.signal()), otlp.jsonReader());
  }

  /** How {@code signal}'s items are validated. */
  static <T> ItemValidator<T> validator(Signal<T> signal) {
    return PARTS.get(validatorKey(signal)).orElseThrow(() -> unknown(signal));
  }

  /** How {@code signal}'s export requests are read from OTLP/JSON. */
  static <T> JsonReader<T> jsonReader(Signal<T> signal) {
    return PARTS.get(jsonReaderKey(signal)).orElseThrow(() -> unknown(signal));
  }

  private static IllegalArgumentException unknown(Signal<?> signal) {
    return new IllegalArgumentException("no OTLP signal " + signal.name());
  }

  private static <T> SignalMap.Key<ItemValidator<T>> validatorKey(Signal<T> signal) {
    return VALIDATOR.key(signal);
  }

  private static <T> SignalMap.Key<JsonReader<T>> jsonReaderKey(Signal<T> signal) {
    return JSON_READER.key(signal);
  }

  ServiceDescriptor grpcService() {
    return otlp.grpcService();
  }

  MethodDescriptor<T, R> grpcExport() {
    return otlp.export();
  }

  /** The export response: empty on full success, with partial_success when items were rejected. */
  R response(IngestOutcome.Accepted accepted) {
    return otlp.response(accepted.rejected(), accepted.errorMessage());
  }
}
