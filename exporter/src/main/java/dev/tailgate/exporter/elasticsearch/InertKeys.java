package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.pipeline.config.ConfigErrors;

/**
 * The Collector's keys of this exporter that cannot act here, each warned with what does the job
 * instead. Accepted so that a pasted Collector config runs.
 */
final class InertKeys {
  private static final String JDK_CLIENT =
      "has no effect here: the JDK's HTTP client manages its own connections and buffers";

  private InertKeys() {}

  static void warn(ElasticsearchExporterConfig config, ConfigErrors errors) {
    warnIf(
        errors,
        config.numWorkers(),
        "num_workers",
        "has no effect here: sending_queue.num_consumers sets how many batches are sent at once");
    warnIf(
        errors,
        config.discover(),
        "discover",
        "has no effect here: nodes are not sniffed; list them in endpoints (used in turn)");
    warnIf(
        errors,
        config.batcher(),
        "batcher",
        "has no effect here: the batch processor and sending_queue shape the batches");
    warnIf(
        errors,
        config.telemetry(),
        "telemetry",
        "has no effect here: refused documents go to dead_letter, request bodies are not logged");
    warnIf(
        errors,
        config.includeSourceOnError(),
        "include_source_on_error",
        "has no effect here: a refused document is kept whole in the dead letter file");
    if (config.logsDynamicId() != null && config.logsDynamicId().on()) {
      errors.warn(
          "logs_dynamic_id.enabled", "has no effect here: Elasticsearch picks each document's id");
    }
    if (config.logsDynamicPipeline() != null && config.logsDynamicPipeline().on()) {
      errors.warn(
          "logs_dynamic_pipeline.enabled",
          "has no effect here: every document goes through pipeline, if set");
    }
    warnIf(errors, config.readBufferSize(), "read_buffer_size", JDK_CLIENT);
    warnIf(errors, config.writeBufferSize(), "write_buffer_size", JDK_CLIENT);
    warnIf(errors, config.maxIdleConns(), "max_idle_conns", JDK_CLIENT);
    warnIf(errors, config.maxIdleConnsPerHost(), "max_idle_conns_per_host", JDK_CLIENT);
    warnIf(errors, config.maxConnsPerHost(), "max_conns_per_host", JDK_CLIENT);
    warnIf(errors, config.idleConnTimeout(), "idle_conn_timeout", JDK_CLIENT);
    warnIf(errors, config.disableKeepAlives(), "disable_keep_alives", JDK_CLIENT);
    warnIf(errors, config.http2ReadIdleTimeout(), "http2_read_idle_timeout", JDK_CLIENT);
    warnIf(errors, config.http2PingTimeout(), "http2_ping_timeout", JDK_CLIENT);
  }

  private static void warnIf(ConfigErrors errors, Object value, String key, String why) {
    if (value != null) {
      errors.warn(key, why);
    }
  }
}
