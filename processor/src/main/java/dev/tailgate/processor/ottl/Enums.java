package dev.tailgate.processor.ottl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OTTL enum symbols, each an int as OTLP numbers it ({@code kind == SPAN_KIND_SERVER} is {@code
 * kind == 2}). One table for every context: a symbol no context's field can take simply never
 * matches.
 */
final class Enums {
  private static final Map<String, Long> VALUES = table();

  private Enums() {}

  static Long valueOf(String symbol) {
    return VALUES.get(symbol);
  }

  private static Map<String, Long> table() {
    Map<String, Long> values = new LinkedHashMap<>();
    String[] kinds = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
    for (int i = 0; i < kinds.length; i++) {
      values.put("SPAN_KIND_" + kinds[i], (long) i);
    }
    values.put("STATUS_CODE_UNSET", 0L);
    values.put("STATUS_CODE_OK", 1L);
    values.put("STATUS_CODE_ERROR", 2L);
    values.put("SEVERITY_NUMBER_UNSPECIFIED", 0L);
    String[] severities = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    for (int s = 0; s < severities.length; s++) {
      long base = 1 + 4L * s;
      values.put("SEVERITY_NUMBER_" + severities[s], base);
      for (int n = 2; n <= 4; n++) {
        values.put("SEVERITY_NUMBER_" + severities[s] + n, base + n - 1);
      }
    }
    String[] types = {"NONE", "GAUGE", "SUM", "HISTOGRAM", "EXPONENTIAL_HISTOGRAM", "SUMMARY"};
    for (int i = 0; i < types.length; i++) {
      values.put("METRIC_DATA_TYPE_" + types[i], (long) i);
    }
    values.put("AGGREGATION_TEMPORALITY_UNSPECIFIED", 0L);
    values.put("AGGREGATION_TEMPORALITY_DELTA", 1L);
    values.put("AGGREGATION_TEMPORALITY_CUMULATIVE", 2L);
    return Map.copyOf(values);
  }
}
