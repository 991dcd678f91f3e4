package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code flush:} the largest {@code _bulk} request body. A batch whose documents add up to more is
 * sent as several bulk requests, one after the other; a single document larger than this still
 * goes, alone. There is no flush interval: batching in time is the batch processor's job.
 */
public record FlushConfig(
    @JsonProperty("bytes") ByteSize bytes, @JsonProperty("interval") Duration interval)
    implements Validatable {
  public static final FlushConfig DEFAULT = new FlushConfig(null, null);

  public FlushConfig {
    bytes = bytes == null ? ByteSize.ofMiB(5) : bytes;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(bytes.bytes() > 0, "bytes", "must be > 0");
    if (interval != null) {
      errors.warn(
          "interval",
          "has no effect here: a batch is sent when it arrives; the batch processor's timeout"
              + " decides how long items wait");
    }
  }
}
