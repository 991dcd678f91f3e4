package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one ECS document, written flat with dotted names ({@code "service.name": ...}),
 * which Elasticsearch expands into objects. JSON may not repeat a name, so the first value written
 * wins: the document's own fields over attributes of the same name, then resource attributes (the
 * service's identity) over the record's, then the record's over its scope's.
 */
final class EcsFields {

  /**
   * OpenTelemetry resource attributes whose ECS field has another name. Attributes not listed keep
   * their names: the semantic conventions and ECS agree on most (host.id, cloud.region, ...).
   */
  private static final Map<String, List<String>> RESOURCE_FIELDS =
      Map.ofEntries(
          Map.entry("service.instance.id", List.of("service.node.name")),
          Map.entry("deployment.environment", List.of("service.environment")),
          Map.entry("deployment.environment.name", List.of("service.environment")),
          Map.entry("telemetry.sdk.language", List.of("service.language.name")),
          Map.entry("telemetry.sdk.name", List.of("agent.name")),
          Map.entry("telemetry.sdk.version", List.of("agent.version")),
          Map.entry("process.runtime.name", List.of("service.runtime.name")),
          Map.entry("process.runtime.version", List.of("service.runtime.version")),
          Map.entry("host.name", List.of("host.name", "host.hostname")),
          Map.entry("host.arch", List.of("host.architecture")),
          Map.entry("os.type", List.of("host.os.platform")),
          Map.entry("os.description", List.of("host.os.full")),
          Map.entry("os.name", List.of("host.os.name")),
          Map.entry("os.version", List.of("host.os.version")),
          Map.entry("process.executable.path", List.of("process.executable")),
          Map.entry("k8s.namespace.name", List.of("kubernetes.namespace")),
          Map.entry("k8s.pod.name", List.of("kubernetes.pod.name")),
          Map.entry("k8s.pod.uid", List.of("kubernetes.pod.uid")),
          Map.entry("k8s.node.name", List.of("kubernetes.node.name")),
          Map.entry("k8s.deployment.name", List.of("kubernetes.deployment.name")));

  private final JsonGenerator out;
  private final Set<String> written = new HashSet<>();

  EcsFields(JsonGenerator out) {
    this.out = out;
  }

  /** True if {@code name} was not written yet; then the caller writes its value next. */
  boolean claim(String name) throws IOException {
    if (!written.add(name)) {
      return false;
    }
    out.writeFieldName(name);
    return true;
  }

  void string(String name, String value) throws IOException {
    if (!value.isEmpty() && claim(name)) {
      out.writeString(value);
    }
  }

  void number(String name, long value) throws IOException {
    if (claim(name)) {
      out.writeNumber(value);
    }
  }

  void number(String name, double value) throws IOException {
    if (claim(name)) {
      OtlpJson.writeDouble(out, value);
    }
  }

  void value(String name, AnyValue value) throws IOException {
    if (claim(name)) {
      OtlpJson.writeValue(out, value);
    }
  }

  void dataStream(Target target) throws IOException {
    if (target.dataStream().isPresent()) {
      DataStream stream = target.dataStream().get();
      string("data_stream.type", stream.type());
      string("data_stream.dataset", stream.dataset());
      string("data_stream.namespace", stream.namespace());
    }
  }

  /** Resource attributes under their ECS names. */
  void resource(List<KeyValue> attributes) throws IOException {
    for (KeyValue attribute : attributes) {
      for (String name :
          RESOURCE_FIELDS.getOrDefault(attribute.getKey(), List.of(attribute.getKey()))) {
        value(name, attribute.getValue());
      }
    }
  }

  /** Attributes under their own names. */
  void attributes(List<KeyValue> attributes) throws IOException {
    for (KeyValue attribute : attributes) {
      value(attribute.getKey(), attribute.getValue());
    }
  }

  JsonGenerator generator() {
    return out;
  }
}
