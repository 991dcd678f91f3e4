package dev.tailgate.gateway.admin.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The gateway's version, from the {@code pom.properties} the jar plugin writes into every module
 * jar (the shaded jar keeps it). Run from a build tree there is no jar, and so no version.
 */
final class GatewayVersion {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/dev.tailgate/tailgate-gateway-app/pom.properties";
  static final String UNKNOWN = "unknown (not run from a jar)";

  private GatewayVersion() {}

  static String current() {
    try (InputStream in = GatewayVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", UNKNOWN);
    } catch (IOException e) {
      // A status detail: not worth failing the gateway's start for.
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
