package dev.tailgate.exporter.prometheusremotewrite;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * UCUM units of OTLP metrics as the words Prometheus names end with: {@code ms} → milliseconds,
 * {@code By} → bytes, {@code m/s} → meters_per_second. Annotations in braces ({@code {packet}}) are
 * counts of things, which Prometheus treats as unitless.
 */
final class UnitNames {
  private static final Map<String, String> MAIN =
      Map.ofEntries(
          Map.entry("d", "days"),
          Map.entry("h", "hours"),
          Map.entry("min", "minutes"),
          Map.entry("s", "seconds"),
          Map.entry("ms", "milliseconds"),
          Map.entry("us", "microseconds"),
          Map.entry("ns", "nanoseconds"),
          Map.entry("By", "bytes"),
          Map.entry("KiBy", "kibibytes"),
          Map.entry("MiBy", "mebibytes"),
          Map.entry("GiBy", "gibibytes"),
          Map.entry("TiBy", "tibibytes"),
          Map.entry("KBy", "kilobytes"),
          Map.entry("MBy", "megabytes"),
          Map.entry("GBy", "gigabytes"),
          Map.entry("TBy", "terabytes"),
          Map.entry("m", "meters"),
          Map.entry("V", "volts"),
          Map.entry("A", "amperes"),
          Map.entry("J", "joules"),
          Map.entry("W", "watts"),
          Map.entry("g", "grams"),
          Map.entry("Cel", "celsius"),
          Map.entry("Hz", "hertz"),
          Map.entry("%", "percent"));
  private static final Map<String, String> PER =
      Map.of(
          "s", "second",
          "m", "minute",
          "h", "hour",
          "d", "day",
          "w", "week",
          "mo", "month",
          "y", "year");
  private static final Pattern ANNOTATION = Pattern.compile("\\{[^}]*}");
  private static final Pattern NOT_WORD = Pattern.compile("[^a-zA-Z0-9]+");

  private UnitNames() {}

  /**
   * The suffix for {@code unit}, without the leading {@code _}; empty when the unit adds none.
   * {@code 1} is a ratio only for gauges: a unitless counter or histogram is just a count.
   */
  static String suffix(String unit, boolean gauge) {
    String plain = ANNOTATION.matcher(unit).replaceAll("").trim();
    if (plain.equals("1")) {
      return gauge ? "ratio" : "";
    }
    int slash = plain.indexOf('/');
    String main = slash < 0 ? plain : plain.substring(0, slash);
    String per = slash < 0 ? "" : plain.substring(slash + 1);
    String mainWord = word(MAIN.getOrDefault(main.trim(), main));
    String perWord = word(PER.getOrDefault(per.trim(), per));
    if (mainWord.equals("1")) {
      mainWord = ""; // "1/s" is a rate of things: per_second
    }
    if (perWord.isEmpty()) {
      return mainWord;
    }
    return mainWord.isEmpty() ? "per_" + perWord : mainWord + "_per_" + perWord;
  }

  private static String word(String unit) {
    String cleaned = NOT_WORD.matcher(unit).replaceAll("_");
    int from = 0;
    int to = cleaned.length();
    while (from < to && cleaned.charAt(from) == '_') {
      from++;
    }
    while (to > from && cleaned.charAt(to - 1) == '_') {
      to--;
    }
    return cleaned.substring(from, to);
  }
}
