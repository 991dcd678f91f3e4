package dev.tailgate.pipeline.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A {@code host:port} address, as the Collector writes endpoints ({@code 0.0.0.0:4317}); or, for a
 * receiver with {@code transport: unix}, the path of a unix socket ({@link #unixSocket}), held as
 * the host with port {@value #UNIX_SOCKET}.
 */
public record Endpoint(String host, int port) {
  /** The port of a unix-socket endpoint, which has none. */
  public static final int UNIX_SOCKET = -1;

  public Endpoint {
    if ((port < 0 && port != UNIX_SOCKET) || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
    if (port == UNIX_SOCKET && (host == null || host.isBlank())) {
      throw new IllegalArgumentException("a unix socket needs a path");
    }
  }

  /** The unix socket at {@code path}. */
  public static Endpoint unixSocket(String path) {
    return new Endpoint(path, UNIX_SOCKET);
  }

  /**
   * A receiver's listen address: a path (absolute, or starting with {@code ./} or {@code ../}) is a
   * unix socket, anything else {@code host:port}.
   */
  public static Endpoint parseListen(String text) {
    String s = text.trim();
    return s.startsWith("/") || s.startsWith("./") || s.startsWith("../")
        ? unixSocket(s)
        : parse(s);
  }

  public boolean isUnixSocket() {
    return port == UNIX_SOCKET;
  }

  @JsonCreator
  public static Endpoint parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("\"" + text + "\" is not host:port (e.g. 0.0.0.0:4317)");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      // Without brackets "::1:4317" has no one reading: which colon ends the host?
      throw new IllegalArgumentException(
          "\"" + text + "\" has an IPv6 host without brackets (write [::1]:4317)");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" has no numeric port");
    }
    if (port < 0) {
      // -1 would read as a unix socket; only parseListen makes those, from a path.
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
    return new Endpoint(host.isEmpty() ? "0.0.0.0" : host, port);
  }

  @JsonValue
  @Override
  public String toString() {
    if (isUnixSocket()) {
      return host;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
