package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Batch;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition_metrics_by_resource_attributes}: one part per distinct set of resource
 * attributes, keyed by a hash of them (the same attributes in any order give the same key), so one
 * resource's series stay on one partition, in order.
 */
final class MetricsByResource implements Keying<ExportMetricsServiceRequest> {
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public List<Keyed<ExportMetricsServiceRequest>> apart(Batch<ExportMetricsServiceRequest> batch) {
    ExportMetricsServiceRequest request = batch.request();
    Map<String, ExportMetricsServiceRequest.Builder> resources = new LinkedHashMap<>();
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      resources
          .computeIfAbsent(
              key(resource.getResource().getAttributesList()),
              k -> ExportMetricsServiceRequest.newBuilder())
          .addResourceMetrics(resource);
    }
    if (resources.size() == 1) {
      return List.of(Keyed.whole(bytes(resources.keySet().iterator().next())));
    }
    List<Keyed<ExportMetricsServiceRequest>> parts = new ArrayList<>(resources.size());
    resources.forEach((key, part) -> parts.add(Keyed.parsed(bytes(key), part.build())));
    return parts;
  }

  /** 16 bytes of SHA-256 over the attributes sorted by key, in hex: short, stable, order-free. */
  static String key(List<KeyValue> attributes) {
    MessageDigest digest = sha256();
    attributes.stream()
        .sorted(Comparator.comparing(KeyValue::getKey))
        .forEach(
            attribute -> {
              // Length-prefixed, so that ("ab","c") and ("a","bc") differ.
              byte[] key = attribute.getKey().getBytes(StandardCharsets.UTF_8);
              byte[] value = attribute.getValue().toByteArray();
              digest.update(lengthOf(key));
              digest.update(key);
              digest.update(lengthOf(value));
              digest.update(value);
            });
    byte[] hash = digest.digest();
    return HEX.formatHex(hash, 0, 16);
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] lengthOf(byte[] bytes) {
    int n = bytes.length;
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
