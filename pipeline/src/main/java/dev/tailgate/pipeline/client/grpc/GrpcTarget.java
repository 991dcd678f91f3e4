package dev.tailgate.pipeline.client.grpc;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;

/**
 * Where a gRPC client (the otlp and jaeger exporters) sends: {@code host:port}, optionally written
 * as {@code http://host:port} or {@code https://host:port} as the Collector allows; the scheme only
 * chooses the TLS default.
 */
public record GrpcTarget(String host, int port, Scheme scheme) {

  public enum Scheme {
    NONE,
    HTTP,
    HTTPS
  }

  /** Throws IllegalArgumentException saying what is wrong with {@code text}. */
  public static GrpcTarget parse(String text) {
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
    return new GrpcTarget(endpoint.host(), endpoint.port(), scheme);
  }

  /**
   * Records a problem under {@code key} when {@code text} is missing ({@code required} says what to
   * write instead) or not a target.
   */
  public static void validate(ConfigErrors errors, String key, String text, String required) {
    if (text == null || text.isBlank()) {
      errors.add(key, required);
      return;
    }
    try {
      parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(key, e.getMessage());
    }
  }

  /**
   * The {@code tls.insecure} default an endpoint implies: plaintext for {@code http://}. An
   * endpoint that cannot be parsed implies TLS; {@link #validate} reports it.
   */
  public static boolean plaintextByDefault(String text) {
    try {
      return schemeOf(text) == Scheme.HTTP;
    } catch (IllegalArgumentException e) {
      return false;
    }
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
      throw new IllegalArgumentException(
          "\"" + text + "\" has a scheme other than http:// or https://");
    }
    return Scheme.NONE;
  }
}
