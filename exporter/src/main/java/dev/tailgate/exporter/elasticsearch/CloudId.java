package dev.tailgate.exporter.elasticsearch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An Elastic Cloud id, {@code <name>:<base64 of "<host>$<es uuid>$<kibana uuid>">}, decoded as the
 * Collector (and Elastic's clients) decode it: the cluster is {@code https://<es uuid>.<host>}.
 */
final class CloudId {
  private CloudId() {}

  /** Why {@code cloudId} cannot be decoded, if it cannot. */
  static Optional<String> problem(String cloudId) {
    int colon = cloudId.indexOf(':');
    if (colon < 0) {
      return Optional.of("\"" + cloudId + "\" is not a cloud id (<name>:<base64>)");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(cloudId.substring(colon + 1)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of("\"" + cloudId + "\" is not a cloud id: its part after : is not base64");
    }
    String[] parts = decoded.split("\\$", -1);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.of(
          "\"" + cloudId + "\" is not a cloud id: decoded \"" + decoded + "\" has no host$uuid");
    }
    try {
      URI uri = URI.create("https://" + parts[1] + "." + parts[0]);
      return uri.getHost() == null
          ? Optional.of("\"" + cloudId + "\" decodes to no valid host")
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("\"" + cloudId + "\" decodes to no valid host");
    }
  }

  /** The cluster's URL; empty when {@link #problem} has one. */
  static Optional<URI> endpoint(String cloudId) {
    if (problem(cloudId).isPresent()) {
      return Optional.empty();
    }
    String decoded =
        new String(
            Base64.getDecoder().decode(cloudId.substring(cloudId.indexOf(':') + 1)),
            StandardCharsets.UTF_8);
    String[] parts = decoded.split("\\$", -1);
    return Optional.of(URI.create("https://" + parts[1] + "." + parts[0]));
  }
}
