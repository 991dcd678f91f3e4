package dev.tailgate.exporter.jaeger;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import dev.tailgate.pipeline.client.grpc.GrpcClientChannel;
import dev.tailgate.pipeline.client.grpc.GrpcTarget;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import dev.tailgate.pipeline.exporterhelper.Sender;
import java.util.Set;

/** {@code jaeger}: sends traces to a Jaeger collector over its gRPC api_v2 ({@code PostSpans}). */
public final class JaegerExporterFactory implements ExporterFactory<JaegerExporterConfig> {
  /** The sender is of traces; asked for it by the signal of the exporter, this types it. */
  private static final SignalMap.Kind SENDER = new SignalMap.Kind("jaeger sender");

  @Override
  public String type() {
    return "jaeger";
  }

  @Override
  public Class<JaegerExporterConfig> configType() {
    return JaegerExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.of(Signal.TRACES);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, JaegerExporterConfig config, Signal<T> signal) {
    if (signal != Signal.TRACES) {
      throw new IllegalArgumentException(
          "the jaeger exporter sends traces only, not " + signal.name());
    }
    GrpcTarget target = config.target();
    GrpcClientChannel client =
        new GrpcClientChannel(target.host(), target.port(), config.tls(), config.headers());
    Sender<T> sender =
        SignalMap.of(
                sender(Signal.TRACES), new JaegerGrpcSender(client.channel(), new OtlpToJaeger()))
            .get(sender(signal))
            .orElseThrow();
    return new ExporterHelper<>(settings, signal, config.exporterSettings(), sender, client);
  }

  private static <T> SignalMap.Key<Sender<T>> sender(Signal<T> signal) {
    return SENDER.key(signal);
  }
}
