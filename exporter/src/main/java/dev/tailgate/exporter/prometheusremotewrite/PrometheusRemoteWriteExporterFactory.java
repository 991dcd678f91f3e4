package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Set;

/**
 * {@code prometheusremotewrite}: pushes metrics to Prometheus (or anything speaking remote write
 * 1.0 or 2.0). Registered under {@code prometheus_remote_write} too ({@link #alias()}), the name
 * the Collector gives it since v0.154.0, so either name in a pasted Collector config finds it.
 */
public final class PrometheusRemoteWriteExporterFactory
    implements ExporterFactory<PrometheusRemoteWriteConfig> {
  public static final String TYPE = "prometheusremotewrite";
  public static final String ALIAS = "prometheus_remote_write";

  /** The exporter is of metrics; asked for it by the signal of the pipelines, this types it. */
  private static final SignalMap.Kind EXPORTER = new SignalMap.Kind("remote-write exporter");

  private final String type;

  public PrometheusRemoteWriteExporterFactory() {
    this(TYPE);
  }

  private PrometheusRemoteWriteExporterFactory(String type) {
    this.type = type;
  }

  /** The same exporter under {@code prometheus_remote_write}. */
  public static PrometheusRemoteWriteExporterFactory alias() {
    return new PrometheusRemoteWriteExporterFactory(ALIAS);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Class<PrometheusRemoteWriteConfig> configType() {
    return PrometheusRemoteWriteConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.of(Signal.METRICS);
  }

  @Override
  public <T> Exporter<T> create(
      ComponentSettings settings, PrometheusRemoteWriteConfig config, Signal<T> signal) {
    if (signal != Signal.METRICS) {
      throw new IllegalArgumentException(type + " exports metrics only, not " + signal.name());
    }
    return SignalMap.of(exporter(Signal.METRICS), create(settings, config))
        .get(exporter(signal))
        .orElseThrow();
  }

  private static <T> SignalMap.Key<Exporter<T>> exporter(Signal<T> signal) {
    return EXPORTER.key(signal);
  }

  private static Exporter<ExportMetricsServiceRequest> create(
      ComponentSettings settings, PrometheusRemoteWriteConfig config) {
    Tags tags = Tags.of("exporter", settings.id().toString());
    DeltaToCumulative deltas = new DeltaToCumulative(config.deltaToCumulative(), settings.clock());
    Gauge.builder(
            "tailgate.exporter.delta_to_cumulative.tracked_series",
            deltas,
            DeltaToCumulative::trackedSeries)
        .tags(tags)
        .description("Series whose delta running totals the exporter keeps")
        .register(settings.meters());
    RemoteWriteClient client =
        new RemoteWriteClient(
            config, RequestHeaders.of(settings, config.headers(), config.auth()), settings.clock());
    RemoteWriteSender sender =
        new RemoteWriteSender(
            deltas,
            new OtlpToPrometheus(config.translationSettings()),
            new WriteRequestSplitter(config.maxBatchSizeBytes()),
            client,
            settings
                .meters()
                .counter("tailgate.exporter.dropped." + Signal.METRICS.itemName(), tags),
            config.requestParallelism(),
            config.protocol());
    return new ExporterHelper<>(
        settings, Signal.METRICS, config.exporterSettings(), sender, client);
  }
}
