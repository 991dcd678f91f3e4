package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.config.ConfigErrors;

/**
 * The Collector's keys of this exporter that cannot act here, each warned with what happens
 * instead. Accepted so that a pasted Collector config runs.
 */
final class CollectorOnlyKeys {
  private static final String JDK_CLIENT =
      "has no effect here: the JDK's HTTP client manages its own connections and buffers";

  private CollectorOnlyKeys() {}

  static void warn(PrometheusRemoteWriteConfig config, ConfigErrors errors) {
    warnIf(errors, config.readBufferSize(), "read_buffer_size", JDK_CLIENT);
    warnIf(errors, config.writeBufferSize(), "write_buffer_size", JDK_CLIENT);
    warnIf(errors, config.maxIdleConns(), "max_idle_conns", JDK_CLIENT);
    warnIf(errors, config.maxIdleConnsPerHost(), "max_idle_conns_per_host", JDK_CLIENT);
    warnIf(errors, config.maxConnsPerHost(), "max_conns_per_host", JDK_CLIENT);
    warnIf(errors, config.idleConnTimeout(), "idle_conn_timeout", JDK_CLIENT);
    warnIf(errors, config.disableKeepAlives(), "disable_keep_alives", JDK_CLIENT);
    warnIf(errors, config.http2ReadIdleTimeout(), "http2_read_idle_timeout", JDK_CLIENT);
    warnIf(errors, config.http2PingTimeout(), "http2_ping_timeout", JDK_CLIENT);
    warnIf(
        errors,
        config.wal(),
        "wal",
        "has no effect here: there is no write-ahead log; sending_queue.storage keeps queued"
            + " batches on disk across restarts");
    if (Boolean.TRUE.equals(config.convertExplicitHistogramsToNhcb())) {
      errors.warn(
          "convert_explicit_histograms_to_nhcb",
          "has no effect here: explicit-bucket histograms are sent as classic _bucket/_sum/_count"
              + " series");
    }
    if (Boolean.TRUE.equals(config.keepClassicHistograms())) {
      errors.warn(
          "keep_classic_histograms",
          "has no effect here: classic histogram series are always sent (no NHCB conversion)");
    }
    if (config.sendMetadata()) {
      errors.warn(
          "send_metadata",
          "has no effect here: remote write 1.0 requests carry no metric metadata (2.0 always"
              + " does)");
    }
    if (config.exportCreatedMetric().enabled()) {
      errors.warn(
          "export_created_metric.enabled",
          "has no effect here: _created series are not sent; Prometheus detects counter resets"
              + " from the values");
    }
  }

  private static void warnIf(ConfigErrors errors, Object value, String key, String why) {
    if (value != null) {
      errors.warn(key, why);
    }
  }
}
