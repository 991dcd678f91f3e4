package dev.tailgate.gateway.http;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;

/**
 * A receiver's servlet as Jetty knows it: registered once at start, it serves through the receiver
 * instance running now, so that a config reload can rebuild the receiver without re-registering
 * servlets on a running server.
 */
final class SwappableServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient volatile HttpServlet current;

  SwappableServlet(HttpServlet first) {
    this.current = first;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    current.init(config);
  }

  @Override
  public void service(ServletRequest request, ServletResponse response)
      throws ServletException, IOException {
    current.service(request, response);
  }

  /** The rebuilt receiver's servlet takes the next request; the old one is destroyed. */
  void swap(HttpServlet next) throws ServletException {
    if (getServletConfig() != null) {
      next.init(getServletConfig());
    }
    HttpServlet old = current;
    current = next;
    old.destroy();
  }

  @Override
  public void destroy() {
    current.destroy();
  }
}
