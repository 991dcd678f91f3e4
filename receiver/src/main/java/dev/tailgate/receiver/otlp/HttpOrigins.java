package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.Origin;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.util.regex.Pattern;

/** The connection an OTLP/HTTP request came on, as Jetty saw it. */
final class HttpOrigins {
  /** Where a servlet container puts the client's verified certificate chain (Servlet spec). */
  static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private HttpOrigins() {}

  /**
   * The socket's peer as the container gives it. Behind a proxy that is the proxy's address: a
   * forwarded-for header is something a client can write, so it is never read here.
   */
  static Origin of(HttpServletRequest request) {
    Certificate[] chain =
        request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof Certificate[] certificates
            ? certificates
            : null;
    return Origin.of(remote(request.getRemoteAddr(), request.getRemotePort()), chain);
  }

  private static InetSocketAddress remote(String literal, int port) {
    if (literal == null) {
      return null;
    }
    String bare =
        literal.startsWith("[") && literal.endsWith("]")
            ? literal.substring(1, literal.length() - 1)
            : literal;
    if (!IP_LITERAL.matcher(bare).matches()) {
      return null;
    }
    try {
      // A literal: parsed, never looked up.
      return new InetSocketAddress(InetAddress.getByName(bare), Math.max(0, port));
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
