package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ReceiverFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.tls.ServerTls;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes {@code otlp} receivers: OTLP over gRPC and HTTP, for traces, metrics and logs. Each signal
 * is served only when a pipeline feeds on it, on each protocol the config enables.
 */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {

  @Override
  public String type() {
    return "otlp";
  }

  @Override
  public Class<OtlpReceiverConfig> configType() {
    return OtlpReceiverConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  }

  @Override
  public Receiver create(
      ComponentSettings settings, OtlpReceiverConfig config, SignalConsumers next) {
    ProtocolsConfig protocols = config.protocols();
    RequestGate httpGate = new RequestGate();
    if (protocols.http() != null) {
      serveHttp(settings, protocols.http(), next, httpGate);
    }
    Optional<OtlpGrpcServer> grpc =
        Optional.ofNullable(protocols.grpc())
            .map(
                grpcConfig ->
                    new OtlpGrpcServer(
                        settings.id(),
                        grpcConfig,
                        GrpcAuthServices.guard(
                            grpcServices(settings, next),
                            ReceiverAuth.resolve(settings, "grpc", grpcConfig.auth()))));
    return new OtlpReceiver(grpc, httpGate, settings.shutdown());
  }

  private static void serveHttp(
      ComponentSettings settings,
      HttpProtocolConfig config,
      SignalConsumers next,
      RequestGate gate) {
    List<HttpRoute<?, ?>> routes = new ArrayList<>();
    addHttpRoute(routes, OtlpSignal.TRACES, config.tracesUrlPath(), settings, next);
    addHttpRoute(routes, OtlpSignal.METRICS, config.metricsUrlPath(), settings, next);
    addHttpRoute(routes, OtlpSignal.LOGS, config.logsUrlPath(), settings, next);
    if (routes.isEmpty()) {
      return;
    }
    OtlpHttpServlet servlet =
        new OtlpHttpServlet(
            routes,
            config.maxRequestBodySize().bytes(),
            gate,
            settings.memory(),
            CorsPolicy.of(config.cors()),
            ReceiverAuth.resolve(settings, "http", config.auth()).map(HttpAuth::new),
            config.responseHeaders(),
            config.compressionAlgorithms());
    ServerTls tls =
        config.tls() == null ? null : ReceiverTls.load(settings.id(), "http", config.tls());
    settings
        .host()
        .serveHttp(config.endpoint(), tls, servlet, servlet.paths().toArray(String[]::new));
  }

  private static <T extends Message, R extends Message> void addHttpRoute(
      List<HttpRoute<?, ?>> routes,
      OtlpSignal<T, R> otlp,
      String path,
      ComponentSettings settings,
      SignalConsumers next) {
    next.get(otlp.signal())
        .ifPresent(
            consumer ->
                routes.add(
                    new HttpRoute<>(otlp, path, ingest(otlp, Transport.HTTP, settings, consumer))));
  }

  private static List<ServerServiceDefinition> grpcServices(
      ComponentSettings settings, SignalConsumers next) {
    List<ServerServiceDefinition> services = new ArrayList<>();
    addGrpcService(services, OtlpSignal.TRACES, settings, next);
    addGrpcService(services, OtlpSignal.METRICS, settings, next);
    addGrpcService(services, OtlpSignal.LOGS, settings, next);
    return services;
  }

  private static <T extends Message, R extends Message> void addGrpcService(
      List<ServerServiceDefinition> services,
      OtlpSignal<T, R> otlp,
      ComponentSettings settings,
      SignalConsumers next) {
    next.get(otlp.signal())
        .ifPresent(
            consumer -> {
              GrpcExport<T, R> export =
                  new GrpcExport<>(otlp, ingest(otlp, Transport.GRPC, settings, consumer));
              MethodDescriptor<Received, R> method =
                  otlp.grpcExport().toBuilder(
                          new ReceivingMarshaller(settings.memory()),
                          otlp.grpcExport().getResponseMarshaller())
                      .build();
              services.add(
                  ServerServiceDefinition.builder(otlp.grpcService().getName())
                      .addMethod(method, ServerCalls.asyncUnaryCall(export))
                      .build());
            });
  }

  private static <T extends Message> OtlpIngest<T> ingest(
      OtlpSignal<T, ?> otlp,
      Transport transport,
      ComponentSettings settings,
      Consumer<T> consumer) {
    return new OtlpIngest<>(
        settings.id(), transport, otlp.signal(), otlp.validator(), consumer, settings.meters());
  }
}
