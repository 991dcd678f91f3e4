package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.Host;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ServerTls;
import jakarta.servlet.http.HttpServlet;
import java.util.ArrayList;
import java.util.List;

/** A host that remembers what it was asked to serve over HTTP, as the gateway would map it. */
final class RecordingHost implements Host {
  /** {@code tls} is null for plaintext. */
  record Served(Endpoint endpoint, ServerTls tls, HttpServlet servlet, List<String> paths) {}

  private final List<Served> served = new ArrayList<>();

  @Override
  public synchronized void serveHttp(
      Endpoint endpoint, ServerTls tls, HttpServlet servlet, String... paths) {
    served.add(new Served(endpoint, tls, servlet, List.of(paths)));
  }

  synchronized List<Served> served() {
    return List.copyOf(served);
  }
}
