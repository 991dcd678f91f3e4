package dev.tailgate.gateway.admin.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Admin {@code /status.json}: the gateway's status, built anew for every request. */
final class StatusJsonServlet extends HttpServlet {
  private final transient StatusAssembler assembler;
  private final transient ObjectMapper json;

  StatusJsonServlet(StatusAssembler assembler, ObjectMapper json) {
    this.assembler = assembler;
    this.json = json;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    GatewayStatus status = assembler.status();
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json;charset=utf-8");
    // The page polls: a cached answer would show a frozen gateway.
    response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
    json.writeValue(response.getOutputStream(), status);
  }
}
