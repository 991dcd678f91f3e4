package dev.tailgate.exporter.elasticsearch;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The strftime directives the Collector's {@code logstash_format.date_format} takes, as a {@link
 * DateTimeFormatter} (UTC). Only the date and time fields an index name can use are known; any
 * other directive is a config problem rather than a literal letter in every index name.
 */
final class Strftime {
  private static final Map<Character, String> PATTERNS =
      Map.ofEntries(
          Map.entry('Y', "uuuu"),
          Map.entry('y', "uu"),
          Map.entry('m', "MM"),
          Map.entry('d', "dd"),
          Map.entry('e', "ppd"),
          Map.entry('H', "HH"),
          Map.entry('I', "hh"),
          Map.entry('M', "mm"),
          Map.entry('S', "ss"),
          Map.entry('j', "DDD"),
          Map.entry('b', "MMM"),
          Map.entry('h', "MMM"),
          Map.entry('B', "MMMM"),
          Map.entry('a', "EEE"),
          Map.entry('A', "EEEE"),
          Map.entry('p', "a"),
          Map.entry('F', "uuuu-MM-dd"),
          Map.entry('D', "MM/dd/uu"),
          Map.entry('T', "HH:mm:ss"),
          Map.entry('R', "HH:mm"));

  private Strftime() {}

  /** Why {@code format} cannot be used, if it cannot. */
  static Optional<String> problem(String format) {
    if (format.isEmpty()) {
      return Optional.of("must not be empty");
    }
    for (int i = 0; i < format.length(); i++) {
      if (format.charAt(i) != '%') {
        continue;
      }
      if (i + 1 == format.length()) {
        return Optional.of("\"" + format + "\" ends with a lone %");
      }
      char directive = format.charAt(++i);
      if (directive != '%'
          && directive != 'V'
          && directive != 'u'
          && !PATTERNS.containsKey(directive)) {
        return Optional.of(
            "\"" + format + "\" has %" + directive + ", which is not a known date directive");
      }
    }
    return Optional.empty();
  }

  /** The formatter for a {@code format} without {@link #problem}. */
  static Optional<DateTimeFormatter> toFormatter(String format) {
    if (problem(format).isPresent()) {
      return Optional.empty();
    }
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      char directive = format.charAt(++i);
      if (directive == '%') {
        literal.append('%');
        continue;
      }
      if (literal.length() > 0) {
        builder.appendLiteral(literal.toString());
        literal.setLength(0);
      }
      switch (directive) {
        case 'V' -> builder.appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2);
        case 'u' -> builder.appendValue(ChronoField.DAY_OF_WEEK, 1);
        default -> builder.appendPattern(PATTERNS.get(directive));
      }
    }
    if (literal.length() > 0) {
      builder.appendLiteral(literal.toString());
    }
    return Optional.of(builder.toFormatter(Locale.ROOT));
  }
}
