package dev.tailgate.pipeline.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A {@code host:port} address, as the Collector writes endpoints ({@code 0.0.0.0:4317}). */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
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
    return new Endpoint(host.isEmpty() ? "0.0.0.0" : host, port);
  }

  @JsonValue
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
