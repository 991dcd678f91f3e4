package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.SPAN_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.log;
import static dev.tailgate.receiver.otlp.OtlpTestData.logs;
import static dev.tailgate.receiver.otlp.OtlpTestData.metrics;
import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.luben.zstd.ZstdOutputStream;
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.grpc.Codec;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyFramedOutputStream;

class OtlpGrpcReceiverTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MemoryBudget budget = new MemoryBudget(64L << 20, new SimpleMeterRegistry());
  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final SinkConsumer<ExportMetricsServiceRequest> metricSink =
      new SinkConsumer<>(Signal.METRICS);
  private final SinkConsumer<ExportLogsServiceRequest> logSink = new SinkConsumer<>(Signal.LOGS);
  private final int port = FreePort.find();
  private final List<Receiver> receivers = new ArrayList<>();
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    receivers.forEach(Receiver::shutdown);
  }

  @Test
  void deliversAllThreeSignalsToThePipeline() {
    start(allSignals(traceSink));

    ExportTraceServiceResponse response =
        traceStub().export(traces(span("GET /cart"), span("SELECT")));
    MetricsServiceGrpc.newBlockingStub(channel()).export(metrics(1.0, 2.0, 3.0));
    LogsServiceGrpc.newBlockingStub(channel()).export(logs(log("hello")));

    assertThat(response).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
    assertThat(traceSink.items()).isEqualTo(2);
    assertThat(metricSink.items()).isEqualTo(3);
    assertThat(logSink.items()).isEqualTo(1);
    assertThat(traceSink.merged().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo("GET /cart");
    assertThat(counter("accepted", "spans")).isEqualTo(2.0);
    assertThat(counter("accepted", "metric_points")).isEqualTo(3.0);
    assertThat(counter("accepted", "log_records")).isEqualTo(1.0);
  }

  @Test
  void closesAConnectionIdleLongerThanMaxConnectionIdle() throws Exception {
    GrpcKeepaliveConfig keepalive =
        new GrpcKeepaliveConfig(
            new GrpcKeepaliveConfig.ServerParameters(
                Duration.ofMillis(300), null, null, null, null),
            null);
    start(
        new GrpcProtocolConfig(
            endpoint(), null, null, null, null, keepalive, null, null, null, null, null),
        allSignals(traceSink));
    traceStub().export(traces(span("a")));
    CountDownLatch leftReady = new CountDownLatch(1);

    channel().notifyWhenStateChanged(ConnectivityState.READY, leftReady::countDown);

    assertThat(leftReady.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(channel().getState(false)).isNotEqualTo(ConnectivityState.READY);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void takesGzipCompressedRequests() {
    start(allSignals(traceSink));

    traceStub().withCompression("gzip").export(traces(span("compressed")));

    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void takesZstdAndFramedSnappyRequestsAsTheCollectorSendsThem() {
    start(allSignals(traceSink));
    // Over 64 KiB: several snappy chunks.
    String large = "GET /cart ".repeat(10_000);

    traceStub().withCompression("zstd").export(traces(span("zstd")));
    traceStub().withCompression("snappy").export(traces(span(large)));

    assertThat(traceSink.items()).isEqualTo(2);
    assertThat(traceSink.merged().getResourceSpans(1).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo(large);
  }

  @Test
  void refusesACompressedMessageThatDecompressesPastTheSizeLimitWithResourceExhausted() {
    start(new GrpcProtocolConfig(endpoint(), 1), allSignals(traceSink));
    String twoMiB = "x".repeat(2 * 1024 * 1024);

    for (String encoding : List.of("gzip", "zstd", "snappy")) {
      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> traceStub().withCompression(encoding).export(traces(span(twoMiB))));

      assertThat(error.getStatus().getCode())
          .as(encoding)
          .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }
    assertThat(traceSink.items()).isZero();
    assertThat(budget.used()).as("nothing held after the refusals").isZero();
  }

  @Test
  void refusesMessagesOverTheSizeLimitWithResourceExhausted() {
    start(new GrpcProtocolConfig(endpoint(), 1), allSignals(traceSink));
    String twoMiB = "x".repeat(2 * 1024 * 1024);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> traceStub().export(traces(span(twoMiB))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void answersARetryableRefusalWithUnavailableAndTheRetryDelay() throws Exception {
    start(
        allSignals(
            batch -> {
              throw new RetryableException("queue is full", Duration.ofSeconds(3), null);
            }));

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> traceStub().export(traces(span("a"))));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).isEqualTo("queue is full");
    com.google.rpc.Status details = StatusProto.fromThrowable(error);
    assertThat(details.getDetailsList()).hasSize(1);
    assertThat(details.getDetails(0).is(RetryInfo.class)).isTrue();
    assertThat(details.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds())
        .isEqualTo(3);
    assertThat(counter("refused", "spans")).isEqualTo(1.0);
  }

  @Test
  void refusesWithUnavailableAndRetryInfoWhenTheMemoryBudgetIsSpent() throws Exception {
    start(allSignals(traceSink));
    Lease everything = budget.tryReserve(budget.limit());

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> traceStub().export(traces(span("a"))));
    everything.release();
    traceStub().export(traces(span("b")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).contains("memory budget");
    assertThat(StatusProto.fromThrowable(error).getDetails(0).is(RetryInfo.class)).isTrue();
    assertThat(traceSink.items()).isEqualTo(1);
    assertThat(budget.used()).as("the sink released what it took").isZero();
  }

  @Test
  void asksForARetryAfterOneSecondWhenTheConsumerGaveNoDelay() throws Exception {
    start(
        allSignals(
            batch -> {
              throw new RetryableException("memory limit");
            }));

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> traceStub().export(traces(span("a"))));

    RetryInfo retry = StatusProto.fromThrowable(error).getDetails(0).unpack(RetryInfo.class);
    assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
  }

  @Test
  void answersAPermanentRefusalWithInvalidArgument() {
    start(
        allSignals(
            batch -> {
              throw new PermanentException("unsupported attribute");
            }));

    assertThatThrownBy(() -> traceStub().export(traces(span("a"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void answersAnUnexpectedFailureWithInternalAndKeepsServing() {
    AtomicBoolean failNext = new AtomicBoolean(true);
    start(
        allSignals(
            batch -> {
              if (failNext.getAndSet(false)) {
                throw new IllegalStateException("bug");
              }
            }));

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> traceStub().export(traces(span("a"))));
    ExportTraceServiceResponse next = traceStub().export(traces(span("b")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(error.getStatus().getDescription()).doesNotContain("bug");
    assertThat(next).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
  }

  @Test
  void reportsSpansWithABadTraceIdAsPartialSuccess() {
    start(allSignals(traceSink));
    ByteString badTraceId = ByteString.copyFrom(new byte[5]);

    ExportTraceServiceResponse response =
        traceStub().export(traces(span("good"), span("bad", badTraceId, SPAN_ID)));

    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage())
        .contains("trace_id must be 16 bytes");
    assertThat(traceSink.items()).isEqualTo(1);
    assertThat(counter("accepted", "spans")).isEqualTo(1.0);
    assertThat(counter("refused", "spans")).isEqualTo(1.0);
  }

  @Test
  void servesOnlyTheSignalsThatHaveAConsumer() {
    start(SignalConsumers.ofTraces(traceSink));

    assertThatThrownBy(() -> LogsServiceGrpc.newBlockingStub(channel()).export(logs(log("x"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    traceStub().export(traces(span("a")));
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void failsToStartWithAMessageNamingTheReceiverAndEndpointWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      Receiver receiver = create(new GrpcProtocolConfig(endpoint(), null), allSignals(traceSink));

      assertThatThrownBy(receiver::start)
          .isInstanceOf(RuntimeException.class)
          .hasMessageContaining("receivers.otlp/in")
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void shutdownIsSafeWithoutStartAndIdempotent() {
    Receiver receiver = create(new GrpcProtocolConfig(endpoint(), null), allSignals(traceSink));

    receiver.shutdown();
    receiver.shutdown();

    Receiver started = start(allSignals(traceSink));
    started.shutdown();
    started.shutdown();
    assertThatThrownBy(() -> traceStub().export(traces(span("late"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void shutdownCutsOffCallsThatOutlastTheDrainTimeout() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Receiver receiver =
        startWith(
            Duration.ofMillis(100),
            allSignals(
                batch -> {
                  entered.countDown();
                  awaitQuietly(release);
                }));
    List<Throwable> callErrors = new ArrayList<>();
    Thread call =
        new Thread(
            () -> {
              try {
                traceStub().export(traces(span("stuck")));
              } catch (StatusRuntimeException e) {
                synchronized (callErrors) {
                  callErrors.add(e);
                }
              }
            });
    call.start();
    try {
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      receiver.shutdown();

      call.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(call.isAlive()).isFalse();
      synchronized (callErrors) {
        assertThat(callErrors).hasSize(1);
      }
    } finally {
      release.countDown();
    }
  }

  private Receiver start(SignalConsumers consumers) {
    return start(new GrpcProtocolConfig(endpoint(), null), consumers);
  }

  private Receiver start(GrpcProtocolConfig grpc, SignalConsumers consumers) {
    Receiver receiver = create(grpc, consumers);
    receiver.start();
    return receiver;
  }

  private Receiver startWith(Duration drainTimeout, SignalConsumers consumers) {
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse("otlp/in"),
            meters,
            Clock.systemUTC(),
            new RecordingHost(),
            drainTimeout);
    Receiver receiver =
        new OtlpReceiverFactory()
            .create(
                settings,
                new OtlpReceiverConfig(
                    new ProtocolsConfig(new GrpcProtocolConfig(endpoint(), null), null)),
                consumers);
    receivers.add(receiver);
    receiver.start();
    return receiver;
  }

  private Receiver create(GrpcProtocolConfig grpc, SignalConsumers consumers) {
    RecordingHost host = new RecordingHost();
    OtlpReceiverConfig config = new OtlpReceiverConfig(new ProtocolsConfig(grpc, null));
    Receiver receiver =
        new OtlpReceiverFactory()
            .create(
                new ComponentSettings(
                    ComponentId.parse("otlp/in"),
                    meters,
                    Clock.systemUTC(),
                    host,
                    Duration.ofSeconds(5),
                    budget),
                config,
                consumers);
    receivers.add(receiver);
    assertThat(host.served()).as("gRPC only: nothing served over HTTP").isEmpty();
    return receiver;
  }

  private SignalConsumers allSignals(Consumer<ExportTraceServiceRequest> traces) {
    return new SignalConsumers(Optional.of(traces), Optional.of(metricSink), Optional.of(logSink));
  }

  private Endpoint endpoint() {
    return new Endpoint("127.0.0.1", port);
  }

  private ManagedChannel channel() {
    if (channel == null) {
      channel =
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .compressorRegistry(LIBRARY_COMPRESSORS)
              .build();
    }
    return channel;
  }

  private TraceServiceGrpc.TraceServiceBlockingStub traceStub() {
    return TraceServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private double counter(String verb, String items) {
    return meters
        .get("tailgate.receiver." + verb + "." + items)
        .tag("receiver", "otlp/in")
        .tag("transport", "grpc")
        .counter()
        .count();
  }

  /** Compressors straight on the libraries' streams, as a Collector's are on its Go libraries'. */
  private static final CompressorRegistry LIBRARY_COMPRESSORS = libraryCompressors();

  private static CompressorRegistry libraryCompressors() {
    CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
    registry.register(new Codec.Gzip());
    registry.register(compressor("zstd", ZstdOutputStream::new));
    registry.register(compressor("snappy", SnappyFramedOutputStream::new));
    return registry;
  }

  private interface Wrap {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static Compressor compressor(String name, Wrap wrap) {
    return new Compressor() {
      @Override
      public String getMessageEncoding() {
        return name;
      }

      @Override
      public OutputStream compress(OutputStream os) throws IOException {
        return wrap.wrap(os);
      }
    };
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
