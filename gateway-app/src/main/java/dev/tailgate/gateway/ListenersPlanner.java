package dev.tailgate.gateway;

import dev.tailgate.gateway.ReceiverEndpoints.Listening;
import dev.tailgate.pipeline.config.ConfigErrors;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code server.type}, and the ports the gateway listens on: the admin connectors, the one HTTP
 * endpoint and each receiver's gRPC server. Two of them on one port fail only when the second one
 * binds, as the server starts, with "address already in use"; this names both keys before. A port
 * taken by another process is not a config problem and is still found only then.
 */
final class ListenersPlanner {
  private ListenersPlanner() {}

  static void plan(ServerFactory server, ReceiverEndpoints receivers, ConfigErrors errors) {
    List<Listener> listeners = new ArrayList<>();
    if (server instanceof DefaultServerFactory factory) {
      List<ConnectorFactory> admin = factory.getAdminConnectors();
      for (int i = 0; i < admin.size(); i++) {
        if (admin.get(i) instanceof HttpConnectorFactory http) {
          String path = "server.adminConnectors[" + i + "]";
          listeners.add(
              new Listener(path, "the admin port " + path, http.getBindHost(), http.getPort()));
        }
      }
    } else {
      // As JettyHttpHost.configure refuses it: the receivers' connector is set on the default
      // server.
      errors.add("server.type", "only the default server type is supported");
    }
    // Only the first HTTP endpoint is served; any other is refused by HttpEndpointPlanner already.
    receivers.http().stream().findFirst().ifPresent(http -> listeners.add(Listener.of(http)));
    receivers.grpc().forEach(grpc -> listeners.add(Listener.of(grpc)));
    for (int i = 1; i < listeners.size(); i++) {
      Listener later = listeners.get(i);
      for (Listener earlier : listeners.subList(0, i)) {
        if (later.collidesWith(earlier)) {
          errors.add(
              later.path(),
              later.address()
                  + " collides with "
                  + earlier.what()
                  + " ("
                  + earlier.address()
                  + "); give each listener a port of its own");
          break;
        }
      }
    }
  }

  /** Something that binds {@code host} (null: every address) and {@code port}. */
  record Listener(String path, String what, String host, int port) {
    static Listener of(Listening receiver) {
      String path = receiver.path() + ".endpoint";
      return new Listener(path, path, receiver.endpoint().host(), receiver.endpoint().port());
    }

    /** Port 0 is a free port of the system's choosing, different for each. */
    boolean collidesWith(Listener other) {
      if (port == 0 || port != other.port) {
        return false;
      }
      String mine = canonicalHost(host);
      String theirs = canonicalHost(other.host);
      return mine.equals("*") || theirs.equals("*") || mine.equals(theirs);
    }

    String address() {
      String shown = host == null ? "*" : host.contains(":") ? "[" + host + "]" : host;
      return shown + ":" + port;
    }

    /**
     * The wildcard as {@code *}, {@code localhost} as the loopback address it binds; other names
     * are compared as written, without a lookup: a name that resolves is not worth a DNS wait in
     * check.
     */
    private static String canonicalHost(String host) {
      if (host == null
          || host.isBlank()
          || host.equals("0.0.0.0")
          || host.equals("::")
          || host.equals("[::]")) {
        return "*";
      }
      String lower = host.toLowerCase(Locale.ROOT);
      return lower.equals("localhost") ? "127.0.0.1" : lower;
    }
  }
}
