package dev.tailgate.gateway;

import dev.tailgate.gateway.ReceiverEndpoints.Listening;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The receivers' HTTP protocols as {@link dev.tailgate.gateway.http.JettyHttpHost} will serve them:
 * on Dropwizard's one application connector, so on one endpoint, which can have tls only while a
 * single receiver serves it (each receiver loads its own certificates, and one connector cannot
 * present two). The host refuses anything else as the receivers are created; this says so before,
 * for every receiver at once.
 */
final class HttpEndpointPlanner {
  private HttpEndpointPlanner() {}

  static void plan(List<Listening> http, ConfigErrors errors) {
    if (http.isEmpty()) {
      return;
    }
    Listening first = http.get(0);
    Endpoint served = first.endpoint();
    for (Listening other : http.subList(1, http.size())) {
      errors.check(
          other.endpoint().equals(served),
          other.path() + ".endpoint",
          "only one HTTP endpoint can be served; "
              + served
              + " ("
              + first.path()
              + ") and "
              + other.endpoint()
              + " were configured");
    }
    List<Listening> sharing = http.stream().filter(l -> l.endpoint().equals(served)).toList();
    if (sharing.size() < 2) {
      return;
    }
    String receivers = sharing.stream().map(Listening::receiver).collect(Collectors.joining(", "));
    for (Listening listening : sharing) {
      errors.check(
          !listening.tls(),
          listening.path() + ".tls",
          "the one HTTP endpoint "
              + served
              + " is served by several receivers ("
              + receivers
              + "), which cannot have tls; give it to one receiver only");
    }
  }
}
