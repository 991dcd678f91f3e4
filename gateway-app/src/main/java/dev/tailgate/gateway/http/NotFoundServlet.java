package dev.tailgate.gateway.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Everything that is not an OTLP path: a short 404 that says where data goes. */
final class NotFoundServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain; charset=utf-8");
    response
        .getWriter()
        .println("404 not found: OTLP/HTTP accepts POST on /v1/traces, /v1/metrics and /v1/logs");
  }
}
