package dev.tailgate.gateway.admin;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Whether the admin port can be reached from beyond this host, read from the server config. */
public final class AdminExposure {
  private AdminExposure() {}

  /**
   * True when every admin connector binds a loopback address. A missing bindHost means every
   * interface; a server type other than the default (one port for both) counts as exposed.
   */
  public static boolean loopbackOnly(ServerFactory server) {
    if (!(server instanceof DefaultServerFactory factory)) {
      return false;
    }
    List<ConnectorFactory> connectors = factory.getAdminConnectors();
    return !connectors.isEmpty() && connectors.stream().allMatch(AdminExposure::bindsLoopback);
  }

  private static boolean bindsLoopback(ConnectorFactory connector) {
    if (!(connector instanceof HttpConnectorFactory http) || http.getBindHost() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(http.getBindHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
