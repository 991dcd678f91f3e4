package dev.tailgate.gateway.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin endpoints that change or reveal the running gateway (tasks such as
 * reload-sampling, log-level and gc; thread dumps). On an admin port that only loopback can reach
 * they stay open, as Dropwizard serves them; beyond loopback each request must carry {@code
 * Authorization: Bearer <service.admin.token>}, and without a configured token they are off. Probes
 * ({@code /ping}, {@code /healthcheck}) and {@code /metrics} are not guarded: the kubelet and
 * Prometheus reach them on the pod IP.
 */
public final class AdminTaskGuard implements Filter {
  public static final String[] GUARDED_PATHS = {"/tasks/*", "/threads", "/pprof/*"};
  private static final String BEARER = "Bearer ";

  private final boolean loopbackOnly;
  private final byte[] token;

  /** {@code token}: null when none is configured. */
  public AdminTaskGuard(boolean loopbackOnly, String token) {
    this.loopbackOnly = loopbackOnly;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (loopbackOnly) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    if (token == null) {
      refuse(
          http,
          HttpServletResponse.SC_FORBIDDEN,
          "admin tasks are off: the admin port listens beyond loopback and service.admin.token is"
              + " not set");
      return;
    }
    String authorization = ((HttpServletRequest) request).getHeader("Authorization");
    if (authorization == null
        || !authorization.startsWith(BEARER)
        || !matches(authorization.substring(BEARER.length()))) {
      http.setHeader("WWW-Authenticate", "Bearer realm=\"tailgate-admin\"");
      refuse(http, HttpServletResponse.SC_UNAUTHORIZED, "admin tasks need the admin bearer token");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Compares in time independent of where the strings differ. */
  private boolean matches(String presented) {
    return MessageDigest.isEqual(token, presented.strip().getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getWriter().println(message);
  }
}
