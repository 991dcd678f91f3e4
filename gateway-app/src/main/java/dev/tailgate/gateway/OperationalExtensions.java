package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.Map;

/**
 * The Collector's operational extensions that nearly every Collector config carries (health_check,
 * pprof, zpages, file_storage). The gateway has each one's job built in, elsewhere: such an entry
 * is accepted, may be listed in {@code service.extensions}, and {@code check} warns where to find
 * the equivalent instead.
 */
final class OperationalExtensions {
  static final Map<String, String> EQUIVALENTS =
      Map.of(
          "health_check",
          "health is served on the admin port: /healthcheck (readiness, per pipeline and exporter"
              + " queue) and /ping",
          "pprof",
          "the JVM is profiled through the admin port (/threads, /pprof/*) or with JFR",
          "zpages",
          "the admin port's /status page shows pipelines, rates, queues and sampling",
          "file_storage",
          "a persistent queue names its directory on the exporter:"
              + " sending_queue.storage.directory");

  private OperationalExtensions() {}

  static void warn(Map<String, JsonNode> configured, ConfigErrors errors) {
    configured
        .keySet()
        .forEach(
            id -> {
              int slash = id.indexOf('/');
              String equivalent = EQUIVALENTS.get(slash < 0 ? id : id.substring(0, slash));
              if (equivalent != null) {
                errors.warn("extensions." + id, "has no effect here: " + equivalent);
              }
            });
  }
}
