package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code include_metadata_keys}: in the Collector, client metadata forwarded as request headers.
 * Tailgate's batches carry only their tenant, so the keys are checked and warned, never sent.
 */
final class IncludedMetadataKeys {
  /** Headers the remote-write protocol sets itself; forwarding one would break the request. */
  private static final Set<String> RESERVED =
      Set.of("content-encoding", "content-type", "user-agent", "x-prometheus-remote-write-version");

  private IncludedMetadataKeys() {}

  static void check(List<String> keys, ConfigErrors errors) {
    if (keys.isEmpty()) {
      return;
    }
    for (String key : keys) {
      if (key == null || RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
        errors.add("", "entry \"" + key + "\" collides with a reserved remote write header");
      }
    }
    errors.warn(
        "",
        "has no effect here: batches carry no client metadata besides the tenant; use auth with"
            + " headers_setter to send the tenant as a header");
  }
}
