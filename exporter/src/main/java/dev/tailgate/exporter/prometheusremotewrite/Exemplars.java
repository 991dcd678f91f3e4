package dev.tailgate.exporter.prometheusremotewrite;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Exemplar;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * OTLP exemplars as Prometheus exemplars: {@code trace_id} and {@code span_id} labels in lowercase
 * hex, plus the filtered attributes while the label set stays within OpenMetrics' 128 characters.
 */
final class Exemplars {
  /** OpenMetrics' limit on the names and values of an exemplar's labels, together. */
  static final int MAX_LABEL_CHARS = 128;

  private Exemplars() {}

  static Exemplar toPrometheus(
      io.opentelemetry.proto.metrics.v1.Exemplar exemplar, boolean escape) {
    LabelsBuilder labels = new LabelsBuilder();
    int chars = 0;
    chars += putId(labels, "trace_id", exemplar.getTraceId());
    chars += putId(labels, "span_id", exemplar.getSpanId());
    Map<String, String> attributes =
        LabelsBuilder.fromAttributes(exemplar.getFilteredAttributesList(), escape);
    int attributeChars = 0;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      attributeChars +=
          e.getKey().codePointCount(0, e.getKey().length())
              + e.getValue().codePointCount(0, e.getValue().length());
    }
    if (chars + attributeChars <= MAX_LABEL_CHARS) {
      labels.putAbsent(attributes);
    }
    List<Label> built = labels.build();
    return Exemplar.newBuilder()
        .addAllLabels(built)
        .setValue(value(exemplar))
        .setTimestamp(exemplar.getTimeUnixNano() / 1_000_000)
        .build();
  }

  static double value(io.opentelemetry.proto.metrics.v1.Exemplar exemplar) {
    return exemplar.getValueCase() == io.opentelemetry.proto.metrics.v1.Exemplar.ValueCase.AS_INT
        ? exemplar.getAsInt()
        : exemplar.getAsDouble();
  }

  private static int putId(LabelsBuilder labels, String name, ByteString id) {
    if (id.isEmpty()) {
      return 0;
    }
    String hex = HexFormat.of().formatHex(id.toByteArray());
    labels.put(name, hex);
    return name.length() + hex.length();
  }
}
