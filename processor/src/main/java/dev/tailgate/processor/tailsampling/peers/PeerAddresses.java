package dev.tailgate.processor.tailsampling.peers;

import com.google.common.net.InetAddresses;
import dev.tailgate.pipeline.config.Endpoint;
import java.util.Locale;

/**
 * One spelling per peer address, so that every replica hashes the same string for the same peer:
 * {@code self} from the environment may read {@code fd00::1} where DNS answers {@code
 * fd00:0:0:0:0:0:0:1}. IP literals are rewritten in RFC 5952 form (no lookup), host names
 * lower-cased.
 */
final class PeerAddresses {
  private PeerAddresses() {}

  static Endpoint canonical(Endpoint endpoint) {
    String host = endpoint.host();
    String canonicalHost =
        InetAddresses.isInetAddress(host)
            ? InetAddresses.toAddrString(InetAddresses.forString(host))
            : host.toLowerCase(Locale.ROOT);
    return canonicalHost.equals(host) ? endpoint : new Endpoint(canonicalHost, endpoint.port());
  }
}
