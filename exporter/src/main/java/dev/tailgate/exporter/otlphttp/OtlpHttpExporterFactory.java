package dev.tailgate.exporter.otlphttp;

import dev.tailgate.exporter.otlp.PartialSuccessReporter;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.OtlpService;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import dev.tailgate.pipeline.exporterhelper.Sender;
import java.net.URI;
import java.util.Set;

/**
 * {@code otlphttp}: forwards traces, metrics and logs to an OTLP/HTTP endpoint. Registered under
 * the Collector's alias {@code otlp_http} too ({@link #alias()}), so either name in a pasted
 * Collector config finds it.
 */
public final class OtlpHttpExporterFactory implements ExporterFactory<OtlpHttpExporterConfig> {
  public static final String TYPE = "otlphttp";
  public static final String ALIAS = "otlp_http";

  private final String type;

  public OtlpHttpExporterFactory() {
    this(TYPE);
  }

  private OtlpHttpExporterFactory(String type) {
    this.type = type;
  }

  /** The same exporter under {@code otlp_http}. */
  public static OtlpHttpExporterFactory alias() {
    return new OtlpHttpExporterFactory(ALIAS);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Class<OtlpHttpExporterConfig> configType() {
    return OtlpHttpExporterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  /**
   * @throws IllegalArgumentException when the config gives no URL for {@code signal}: neither
   *     {@code endpoint} nor the signal's own {@code <signal>_endpoint}
   */
  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, OtlpHttpExporterConfig config, Signal<T> signal) {
    URI url =
        config
            .url(signal)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        settings.id()
                            + ": exports "
                            + signal.name()
                            + " but has neither endpoint nor "
                            + OtlpHttpExporterConfig.ownEndpointKey(signal)));
    OtlpHttpClient client = new OtlpHttpClient(config, url);
    Sender<T> sender = newSender(settings, config, signal, client, signal.otlp());
    return new ExporterHelper<>(settings, signal, config.exporterSettings(), sender, client);
  }

  private static <T, R> Sender<T> newSender(
      ComponentSettings settings,
      OtlpHttpExporterConfig config,
      Signal<T> signal,
      OtlpHttpClient client,
      OtlpService<T, R> service) {
    return new OtlpHttpSender<T, R>(
        client,
        config.bodyEncoding(),
        config.bodyCompression(),
        config.compressionParams().level(),
        RequestHeaders.of(settings, config.headers(), config.auth()),
        new OtlpHttpResponses<>(service, settings.clock()),
        new PartialSuccessReporter(settings, signal));
  }
}
