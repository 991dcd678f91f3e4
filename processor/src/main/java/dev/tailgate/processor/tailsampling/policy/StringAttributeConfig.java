package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code string_attribute}: keeps traces where a span or resource has the string attribute {@code
 * key} equal to one of {@code values} (or, with {@code enabled_regex_matching}, containing a match
 * of one of them as a regular expression; results are remembered for {@code cache_max_size}
 * distinct attribute values). {@code invert_match} keeps the traces that have no such attribute.
 */
public record StringAttributeConfig(
    @JsonProperty("key") String key,
    @JsonProperty("values") List<String> values,
    @JsonProperty("enabled_regex_matching") Boolean enabledRegexMatching,
    @JsonProperty("cache_max_size") Integer cacheMaxSize,
    @JsonProperty("invert_match") Boolean invertMatch)
    implements Validatable {
  public static final int DEFAULT_CACHE_MAX_SIZE = 128;

  public StringAttributeConfig {
    values = values == null ? List.of() : values;
    enabledRegexMatching = enabledRegexMatching != null && enabledRegexMatching;
    // The Collector takes 0 as "the default size"; pasted configs may say so.
    cacheMaxSize =
        cacheMaxSize == null || cacheMaxSize == 0 ? DEFAULT_CACHE_MAX_SIZE : cacheMaxSize;
    invertMatch = invertMatch != null && invertMatch;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(key != null && !key.isEmpty(), "key", "required");
    errors.check(!values.isEmpty(), "values", "must list at least one value");
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null) {
        errors.add("values[" + i + "]", "must not be empty");
      } else if (enabledRegexMatching) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          errors.add("values[" + i + "]", "not a valid regular expression: " + e.getDescription());
        }
      }
    }
    errors.check(cacheMaxSize > 0, "cache_max_size", "must be > 0");
  }
}
