package dev.tailgate.gateway.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code POST /tasks/reload-sampling} on the admin port: re-reads the config file and swaps the
 * policies of every running tail_sampling processor. Answers 200 with what changed, or 400 with the
 * config problems (nothing changed). A servlet rather than a Dropwizard {@code Task} at the same
 * path, because the task servlet answers every failure with 500, and a bad config file is the
 * caller's to fix, not a gateway fault.
 */
public final class ReloadSamplingServlet extends HttpServlet {
  public static final String PATH = "/tasks/reload-sampling";

  private final transient ConfigReloader reloader;

  public ReloadSamplingServlet(ConfigReloader reloader) {
    this.reloader = reloader;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ConfigReloader.Result result = reloader.reload("admin_task");
    response.setStatus(
        result.applied() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("text/plain;charset=utf-8");
    response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
    PrintWriter out = response.getWriter();
    result.lines().forEach(out::println);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Allow", "POST");
    response.sendError(
        HttpServletResponse.SC_METHOD_NOT_ALLOWED, "POST to reload the sampling policies");
  }
}
