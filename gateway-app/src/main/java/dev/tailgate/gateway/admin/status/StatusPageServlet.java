package dev.tailgate.gateway.admin.status;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Admin {@code /status}: one hand-written HTML page whose script polls {@code status.json}. It is
 * read once at start, so a jar built without it fails at start, not on the first visit.
 */
final class StatusPageServlet extends HttpServlet {
  private static final String PAGE = "status.html";
  private final byte[] page;

  StatusPageServlet() {
    try (InputStream in = StatusPageServlet.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(
            PAGE + " is missing next to " + StatusPageServlet.class.getName());
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PAGE, e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(page.length);
    response.getOutputStream().write(page);
  }
}
