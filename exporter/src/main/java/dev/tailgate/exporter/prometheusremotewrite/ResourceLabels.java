package dev.tailgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resource contributes to labels: {@code job} from {@code service.namespace/service.name}
 * (or {@code service.name}), {@code instance} from {@code service.instance.id}, and its other
 * attributes for {@code target_info}.
 */
record ResourceLabels(
    Map<String, String> target, Map<String, String> copied, Map<String, String> info) {
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_NAMESPACE = "service.namespace";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";

  /** {@code copied}: the attributes {@code selection} puts on every series of the resource. */
  static ResourceLabels of(
      Resource resource, boolean escape, ResourceAttributeSelection selection) {
    String name = null;
    String namespace = null;
    String instance = null;
    List<KeyValue> others = new ArrayList<>();
    List<KeyValue> copied = new ArrayList<>();
    for (KeyValue attribute : resource.getAttributesList()) {
      String value = AttributeValues.text(attribute.getValue());
      if (selection.copies(attribute.getKey())) {
        copied.add(attribute);
      }
      switch (attribute.getKey()) {
        case SERVICE_NAME -> name = value;
        case SERVICE_NAMESPACE -> namespace = value;
        case SERVICE_INSTANCE_ID -> instance = value;
        default -> others.add(attribute);
      }
    }
    Map<String, String> target = new LinkedHashMap<>();
    if (name != null && !name.isEmpty()) {
      target.put("job", namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }
    if (instance != null && !instance.isEmpty()) {
      target.put("instance", instance);
    }
    return new ResourceLabels(
        Map.copyOf(target),
        LabelsBuilder.fromAttributes(copied, escape),
        LabelsBuilder.fromAttributes(others, escape));
  }
}
