package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code flush:} the largest {@code _bulk} request body. A batch whose documents add up to more is
 * sent as several bulk requests, one after the other; a single document larger than this still
 * goes, alone. There is no flush interval: batching in time is the batch processor's job.
 */
public record FlushConfig(@JsonProperty("bytes") ByteSize bytes) implements Validatable {
  public static final FlushConfig DEFAULT = new FlushConfig(null);

  public FlushConfig {
    bytes = bytes == null ? ByteSize.ofMiB(5) : bytes;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(bytes.bytes() > 0, "bytes", "must be > 0");
  }
}
