package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;
import java.util.List;

/**
 * {@code dynamic} (not in the Collector; after Honeycomb Refinery's dynamic sampler): traces are
 * grouped by the values of {@code key_fields}; every {@code adjustment_interval} each group gets a
 * sample rate so that rare groups are all kept and frequent ones thinned, keeping about one trace
 * in {@code goal_sample_rate} overall. At most {@code max_keys} groups are tracked; the rest share
 * one.
 */
public record DynamicConfig(
    @JsonProperty("key_fields") List<String> keyFields,
    @JsonProperty("goal_sample_rate") Integer goalSampleRate,
    @JsonProperty("adjustment_interval") Duration adjustmentInterval,
    @JsonProperty("max_keys") Integer maxKeys)
    implements Validatable {
  public static final int DEFAULT_GOAL_SAMPLE_RATE = 10;
  public static final Duration DEFAULT_ADJUSTMENT_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_KEYS = 10_000;

  public DynamicConfig {
    keyFields = keyFields == null ? List.of() : keyFields;
    goalSampleRate = goalSampleRate == null ? DEFAULT_GOAL_SAMPLE_RATE : goalSampleRate;
    adjustmentInterval =
        adjustmentInterval == null ? DEFAULT_ADJUSTMENT_INTERVAL : adjustmentInterval;
    maxKeys = maxKeys == null ? DEFAULT_MAX_KEYS : maxKeys;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(
        !keyFields.isEmpty(),
        "key_fields",
        "must list at least one field (an attribute key, status_code, name or service.name)");
    for (int i = 0; i < keyFields.size(); i++) {
      String field = keyFields.get(i);
      errors.check(field != null && !field.isEmpty(), "key_fields[" + i + "]", "must not be empty");
    }
    errors.check(goalSampleRate >= 1, "goal_sample_rate", "must be >= 1");
    errors.check(adjustmentInterval.toNanos() > 0, "adjustment_interval", "must be > 0");
    errors.check(maxKeys >= 1, "max_keys", "must be >= 1");
  }
}
