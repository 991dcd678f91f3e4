package dev.tailgate.processor.redaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code value_patterns}: ready-made value patterns, masked like {@code blocked_values}. Each knows
 * the shortest text it can match, and {@link Prescreen} knows a cheap test for it, so that most
 * values are passed over without running a regex at all.
 */
public enum ValuePattern {
  /**
   * 13 to 19 digits, optionally grouped by single spaces or dashes, starting with 2-6 (the card
   * networks' ranges), and passing the Luhn check: order numbers and timestamps mostly fail one of
   * these.
   */
  CREDIT_CARD("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])", 13, Luhn::passes),

  /** local@domain with at least one dot in the domain. */
  EMAIL("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", 5, null),

  /**
   * The credential after "Bearer", "bearer" or "BEARER" (the scheme word stays readable), and JWTs
   * anywhere: three base64url parts starting with eyJ (the encoding of a JSON object), the
   * signature possibly empty.
   */
  BEARER_TOKEN(
      "(?<=(?:[Bb]earer|BEARER)\\s{1,4})[A-Za-z0-9._~+/-]{8,}=*"
          + "|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
      8,
      null),

  /**
   * AWS access key ids: AKIA (long-term) or ASIA (temporary) and 16 upper-case letters or digits.
   */
  AWS_ACCESS_KEY("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])", 20, null),

  /** Dotted-quad IPv4 addresses with octets 0-255, not inside a longer dotted number. */
  IPV4(
      "(?<![0-9])(?<![0-9]\\.)"
          + Octet.REGEX
          + "(?:\\."
          + Octet.REGEX
          + "){3}(?![0-9])(?!\\.[0-9])",
      7,
      null);

  private final String regex;
  private final int minLength;
  private final Predicate<String> validator;

  ValuePattern(String regex, int minLength, Predicate<String> validator) {
    this.regex = regex;
    this.minLength = minLength;
    this.validator = validator;
  }

  @JsonCreator
  public static ValuePattern parse(String text) {
    for (ValuePattern pattern : values()) {
      if (pattern.configName().equals(text)) {
        return pattern;
      }
    }
    throw new IllegalArgumentException(
        "unknown pattern \""
            + text
            + "\"; known patterns: "
            + Arrays.stream(values())
                .map(ValuePattern::configName)
                .collect(Collectors.joining(", ")));
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  String regex() {
    return regex;
  }

  int minLength() {
    return minLength;
  }

  /** A check a regex cannot do (Luhn); null when every regex match counts. */
  Predicate<String> validator() {
    return validator;
  }

  private static final class Octet {
    static final String REGEX = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  }
}
