package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code bytes_limiting}: a token bucket of encoded trace bytes, refilled at {@code
 * bytes_per_second} up to {@code burst_capacity} (default twice the rate); a trace is kept if its
 * bytes are in the bucket.
 */
public record BytesLimitingConfig(
    @JsonProperty("bytes_per_second") Long bytesPerSecond,
    @JsonProperty("burst_capacity") Long burstCapacity)
    implements Validatable {

  public BytesLimitingConfig {
    if (burstCapacity == null && bytesPerSecond != null && bytesPerSecond > 0) {
      burstCapacity = bytesPerSecond > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * bytesPerSecond;
    }
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (bytesPerSecond == null) {
      errors.add("bytes_per_second", "required (> 0)");
      return;
    }
    errors.check(bytesPerSecond > 0, "bytes_per_second", "must be > 0");
    errors.check(burstCapacity == null || burstCapacity > 0, "burst_capacity", "must be > 0");
  }
}
