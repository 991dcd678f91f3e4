package dev.tailgate.receiver.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A {@code *_url_path} of the HTTP protocol, read as the Collector reads it: parsed as a URL, its
 * path taken, and a leading slash added when it has none ({@code traces} serves {@code /traces}).
 */
final class UrlPath {
  private UrlPath() {}

  /** The path served, or empty when {@code written} does not parse as a URL. */
  static Optional<String> served(String written) {
    URI uri;
    try {
      uri = new URI(written);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    return Optional.of(path.startsWith("/") ? path : "/" + path);
  }
}
