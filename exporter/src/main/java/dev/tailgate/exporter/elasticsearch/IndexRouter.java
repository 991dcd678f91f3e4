package dev.tailgate.exporter.elasticsearch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks each document's index, by the Collector's rule (the first that applies): a static index
 * configured for the signal; the {@code elasticsearch.index} attribute; the data stream {@code
 * {type}-{dataset}-{namespace}}, whose dataset and namespace come from the {@code
 * data_stream.dataset} and {@code data_stream.namespace} attributes. Attributes are looked up on
 * the record first, then its scope, then its resource. With {@code logstash_format} the item's date
 * is appended to the name.
 */
final class IndexRouter {
  static final String DATASET_ATTRIBUTE = "data_stream.dataset";
  static final String NAMESPACE_ATTRIBUTE = "data_stream.namespace";
  static final String INDEX_ATTRIBUTE = "elasticsearch.index";

  private final String type;
  private final Optional<Target> staticTarget;
  private final Optional<DateTimeFormatter> logstashSuffix;

  /** {@code type} is the data stream type: traces, logs or metrics. */
  IndexRouter(String type, Optional<String> staticIndex) {
    this(type, staticIndex, Optional.empty());
  }

  /** As above, with the date suffix of {@code logstash_format} when it is enabled. */
  IndexRouter(
      String type, Optional<String> staticIndex, Optional<DateTimeFormatter> logstashSuffix) {
    this.type = type;
    this.staticTarget = staticIndex.map(Target::index);
    this.logstashSuffix = logstashSuffix;
  }

  Target route(List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource) {
    return route(record, scope, resource, 0);
  }

  /** {@code timeUnixNano} dates the logstash index name (0: now). */
  Target route(
      List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource, long timeUnixNano) {
    Target target = unsuffixed(record, scope, resource);
    if (logstashSuffix.isEmpty()) {
      return target;
    }
    Instant time = timeUnixNano == 0 ? Instant.now() : Instant.ofEpochSecond(0, timeUnixNano);
    // Lowercased: index names must be, and %b, %a or %p would write capitals.
    String date = logstashSuffix.get().format(time).toLowerCase(Locale.ROOT);
    return new Target(target.index() + date, target.dataStream());
  }

  private Target unsuffixed(List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource) {
    if (staticTarget.isPresent()) {
      return staticTarget.get();
    }
    String index = find(INDEX_ATTRIBUTE, record, scope, resource);
    if (index != null) {
      return Target.index(index);
    }
    String dataset = find(DATASET_ATTRIBUTE, record, scope, resource);
    String namespace = find(NAMESPACE_ATTRIBUTE, record, scope, resource);
    return Target.of(
        new DataStream(
            type,
            IndexNames.dataStreamPart(dataset, DataStream.DEFAULT_DATASET),
            IndexNames.dataStreamPart(namespace, DataStream.DEFAULT_NAMESPACE)));
  }

  private static String find(
      String key, List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource) {
    String value = stringValue(key, record);
    if (value == null) {
      value = stringValue(key, scope);
    }
    return value == null ? stringValue(key, resource) : value;
  }

  private static String stringValue(String key, List<KeyValue> attributes) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)
          && attribute.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
        String value = attribute.getValue().getStringValue();
        return value.isBlank() ? null : value;
      }
    }
    return null;
  }
}
