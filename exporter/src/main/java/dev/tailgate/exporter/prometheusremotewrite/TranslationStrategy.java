package dev.tailgate.exporter.prometheusremotewrite;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code translation_strategy}: how OTLP names become Prometheus names. Remote write 1.0 carries
 * only classic names, so the two strategies that keep UTF-8 characters need remote write 2.0, as in
 * the Collector.
 */
enum TranslationStrategy {
  UNDERSCORE_ESCAPING_WITH_SUFFIXES("UnderscoreEscapingWithSuffixes", true, true),
  UNDERSCORE_ESCAPING_WITHOUT_SUFFIXES("UnderscoreEscapingWithoutSuffixes", true, false),
  NO_UTF8_ESCAPING_WITH_SUFFIXES("NoUTF8EscapingWithSuffixes", false, true),
  NO_TRANSLATION("NoTranslation", false, false);

  private final String configName;
  private final boolean escapes;
  private final boolean addsSuffixes;

  TranslationStrategy(String configName, boolean escapes, boolean addsSuffixes) {
    this.configName = configName;
    this.escapes = escapes;
    this.addsSuffixes = addsSuffixes;
  }

  static Optional<TranslationStrategy> of(String configName) {
    return Arrays.stream(values()).filter(s -> s.configName.equals(configName)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(s -> s.configName).collect(Collectors.joining(", "));
  }

  String configName() {
    return configName;
  }

  /** Characters outside the classic name rules become {@code _}. */
  boolean escapes() {
    return escapes;
  }

  /** Unit and type suffixes ({@code _seconds}, {@code _total}, {@code _ratio}) are appended. */
  boolean addsSuffixes() {
    return addsSuffixes;
  }
}
