package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code protobuf_message}: which remote-write message is sent, and the headers that name it. Both
 * are snappy-compressed.
 */
enum RemoteWriteProtocol {
  V1("prometheus.WriteRequest", "application/x-protobuf", "0.1.0"),
  V2(
      "io.prometheus.write.v2.Request",
      "application/x-protobuf;proto=io.prometheus.write.v2.Request",
      "2.0.0");

  private final String messageName;
  private final String contentType;
  private final String version;

  RemoteWriteProtocol(String messageName, String contentType, String version) {
    this.messageName = messageName;
    this.contentType = contentType;
    this.version = version;
  }

  static Optional<RemoteWriteProtocol> of(String messageName) {
    return Arrays.stream(values()).filter(p -> p.messageName.equals(messageName)).findFirst();
  }

  String messageName() {
    return messageName;
  }

  /** The {@code Content-Type} header of a request. */
  String contentType() {
    return contentType;
  }

  /** The {@code X-Prometheus-Remote-Write-Version} header of a request. */
  String version() {
    return version;
  }

  /**
   * The uncompressed body of {@code request} in this protocol; 2.0 sends the metadata of each
   * series beside it.
   */
  byte[] encode(WriteRequest request, Map<List<Label>, MetricMetadata> metadata) {
    return this == V1 ? request.toByteArray() : WriteRequestV2.encode(request, metadata);
  }
}
