package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code logstash_format:} as in the Collector: every index name (static, data stream or from the
 * {@code elasticsearch.index} attribute) gets the date of the item appended, {@code
 * logs-generic-default-2024.05.31}, the date written with the strftime pattern {@code date_format}.
 */
public record LogstashFormatConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("prefix_separator") String prefixSeparator,
    @JsonProperty("date_format") String dateFormat)
    implements Validatable {
  public static final LogstashFormatConfig DEFAULT = new LogstashFormatConfig(null, null, null);

  private static final Instant SAMPLE_DATE = Instant.parse("2024-01-05T03:04:05Z");

  public LogstashFormatConfig {
    enabled = enabled != null && enabled;
    prefixSeparator = prefixSeparator == null ? "-" : prefixSeparator;
    dateFormat = dateFormat == null ? "%Y.%m.%d" : dateFormat;
  }

  /**
   * What is appended to each index name: the separator and the item's date (UTC), when enabled;
   * only valid after {@link #validate}.
   */
  Optional<DateTimeFormatter> suffix() {
    if (!enabled) {
      return Optional.empty();
    }
    return Strftime.toFormatter(dateFormat)
        .map(
            date ->
                new DateTimeFormatterBuilder()
                    .appendLiteral(prefixSeparator)
                    .append(date)
                    .toFormatter(Locale.ROOT)
                    .withZone(ZoneOffset.UTC));
  }

  @Override
  public void validate(ConfigErrors errors) {
    Optional<String> problem = Strftime.problem(dateFormat);
    if (problem.isPresent()) {
      errors.add("date_format", problem.get());
      return;
    }
    if (!enabled) {
      return;
    }
    if (IndexNames.problemWithIndexName("a" + prefixSeparator + "a").isPresent()) {
      errors.add("prefix_separator", "\"" + prefixSeparator + "\" cannot be part of an index name");
      return;
    }
    // A one-digit day and hour show space padding; names are lowercased as the router does.
    String suffix = suffix().orElseThrow().format(SAMPLE_DATE).toLowerCase(Locale.ROOT);
    if (IndexNames.problemWithIndexName("a" + suffix).isPresent()) {
      errors.add(
          "date_format",
          "\""
              + dateFormat
              + "\" makes index names end in \""
              + suffix
              + "\", which is not valid in an index name (no spaces, \\ / * ? \" < > | , # :)");
    }
  }
}
