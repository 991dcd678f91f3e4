package dev.tailgate.exporter.elasticsearch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Optional;

/**
 * Picks each document's index. With a static index configured every document goes there; otherwise
 * to the data stream {@code {type}-{dataset}-{namespace}}, whose dataset and namespace come from
 * the {@code data_stream.dataset} and {@code data_stream.namespace} attributes, looked up on the
 * record first, then its scope, then its resource.
 */
final class IndexRouter {
  static final String DATASET_ATTRIBUTE = "data_stream.dataset";
  static final String NAMESPACE_ATTRIBUTE = "data_stream.namespace";

  private final String type;
  private final Optional<Target> staticTarget;

  /** {@code type} is the data stream type: traces, logs or metrics. */
  IndexRouter(String type, Optional<String> staticIndex) {
    this.type = type;
    this.staticTarget = staticIndex.map(Target::index);
  }

  Target route(List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource) {
    if (staticTarget.isPresent()) {
      return staticTarget.get();
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
