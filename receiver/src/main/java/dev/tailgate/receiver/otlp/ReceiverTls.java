package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.tls.ServerTls;
import dev.tailgate.pipeline.tls.TlsFileException;
import dev.tailgate.pipeline.tls.TlsServerConfig;
import java.util.List;

/** Loads a protocol's {@code tls:} block when the receiver is created. */
final class ReceiverTls {
  private ReceiverTls() {}

  /**
   * The files were checked when the config was validated; one that has since gone or changed is
   * reported with its full key, as {@code check} would have.
   */
  static ServerTls load(ComponentId receiver, String protocol, TlsServerConfig config) {
    try {
      return ServerTls.load(config);
    } catch (TlsFileException e) {
      throw new ConfigException(
          List.of("receivers." + receiver + ".protocols." + protocol + ".tls." + e.getMessage()));
    }
  }
}
