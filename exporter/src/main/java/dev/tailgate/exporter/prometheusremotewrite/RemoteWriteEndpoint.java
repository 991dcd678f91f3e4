package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The {@code endpoint} key. The Collector takes a bare {@code host:port} (its testdata writes
 * {@code localhost:8888}) without complaint, so one is accepted here as {@code http://host:port},
 * with a warning that says so.
 */
final class RemoteWriteEndpoint {
  private static final Pattern HOST_PORT = Pattern.compile("[^/:\\s]+:\\d+(/.*)?");

  private RemoteWriteEndpoint() {}

  /** The URL requests go to; only valid after {@link #check} found no problem. */
  static URI uri(String endpoint) {
    return URI.create(withScheme(endpoint));
  }

  static void check(String endpoint, ConfigErrors errors) {
    if (endpoint == null || endpoint.isBlank()) {
      errors.add("endpoint", "is required");
      return;
    }
    if (isBareHostPort(endpoint)) {
      errors.warn(
          "endpoint",
          "\""
              + endpoint
              + "\" has no scheme; sending to "
              + withScheme(endpoint)
              + " (plain HTTP)");
    }
    URI uri;
    try {
      uri = new URI(withScheme(endpoint));
    } catch (URISyntaxException e) {
      errors.add("endpoint", "\"" + endpoint + "\" is not a URL: " + e.getReason());
      return;
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      errors.add("endpoint", "\"" + endpoint + "\" must be an http:// or https:// URL");
    } else if (uri.getHost() == null) {
      errors.add("endpoint", "\"" + endpoint + "\" has no host");
    }
  }

  private static String withScheme(String endpoint) {
    return isBareHostPort(endpoint) ? "http://" + endpoint : endpoint;
  }

  private static boolean isBareHostPort(String endpoint) {
    return HOST_PORT.matcher(endpoint).matches();
  }
}
