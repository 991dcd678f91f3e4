package dev.tailgate.exporter.otlp;

import dev.tailgate.pipeline.config.Endpoint;

/**
 * Where a gRPC exporter (otlp, jaeger) sends: {@code host:port}, optionally written as
 * {@code http://host:port} or {@code https://host:port} as the Collector allows; the scheme only
 * chooses the TLS default.
 */
public record OtlpTarget(String host, int port, Scheme scheme) {

  public enum Scheme {
    NONE,
    HTTP,
    HTTPS
  }

  /** Throws IllegalArgumentException saying what is wrong with {@code text}. */
  public static OtlpTarget parse(String text) {
    Scheme scheme = schemeOf(text);
    String hostPort = text.trim();
    if (scheme != Scheme.NONE) {
      hostPort = hostPort.substring(hostPort.indexOf("://") + 3);
    }
    if (hostPort.endsWith("/")) {
      hostPort = hostPort.substring(0, hostPort.length() - 1);
    }
    if (hostPort.contains("/")) {
      throw new IllegalArgumentException("\"" + text + "\" must be host:port without a path");
    }
    if (hostPort.startsWith(":")) {
      throw new IllegalArgumentException("\"" + text + "\" has no host (e.g. backend:4317)");
    }
    Endpoint endpoint = Endpoint.parse(hostPort);
    if (endpoint.port() == 0) {
      throw new IllegalArgumentException("\"" + text + "\" needs a port other than 0");
    }
    return new OtlpTarget(endpoint.host(), endpoint.port(), scheme);
  }

  public static Scheme schemeOf(String text) {
    if (text == null) {
      return Scheme.NONE;
    }
    String s = text.trim();
    if (s.startsWith("http://")) {
      return Scheme.HTTP;
    }
    if (s.startsWith("https://")) {
      return Scheme.HTTPS;
    }
    if (s.contains("://")) {
      throw new IllegalArgumentException("\"" + text + "\" has a scheme other than http:// or https://");
    }
    return Scheme.NONE;
  }
}
