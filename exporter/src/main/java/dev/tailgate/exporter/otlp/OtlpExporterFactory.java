package dev.tailgate.exporter.otlp;

import dev.tailgate.exporter.otlp.compression.ChannelCompression;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.OtlpService;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.client.grpc.GrpcClientChannel;
import dev.tailgate.pipeline.client.grpc.GrpcTarget;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import java.util.Set;

/** {@code otlp}: forwards traces, metrics and logs to another OTLP/gRPC endpoint. */
public final class OtlpExporterFactory implements ExporterFactory<OtlpExporterConfig> {

  @Override
  public String type() {
    return "otlp";
  }

  @Override
  public Class<OtlpExporterConfig> configType() {
    return OtlpExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, OtlpExporterConfig config, Signal<T> signal) {
    ChannelCompression compression = config.channelCompression();
    GrpcTarget target = config.target();
    GrpcClientChannel client =
        new GrpcClientChannel(
            target.host(),
            target.port(),
            config.tls(),
            config.channelHeaders(),
            compression.compressors(),
            compression.decompressors(),
            config.channelOptions());
    OtlpGrpcSender<T, ?> sender =
        newSender(
            new CallHeaders(
                client.channel(), RequestHeaders.of(settings, config.headers(), config.auth())),
            signal.otlp(),
            compression.encoding().orElse(null),
            new PartialSuccessReporter(settings, signal));
    return new ExporterHelper<>(settings, signal, config.exporterSettings(), sender, client);
  }

  private static <T, R> OtlpGrpcSender<T, R> newSender(
      CallHeaders channels,
      OtlpService<T, R> service,
      String encoding,
      PartialSuccessReporter partialSuccess) {
    return new OtlpGrpcSender<>(channels, service, encoding, partialSuccess);
  }
}
