package dev.tailgate.gateway.admin.status;

import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.gateway.admin.status.GatewayStatus.Config;
import dev.tailgate.gateway.admin.status.GatewayStatus.LastError;
import dev.tailgate.gateway.admin.status.GatewayStatus.Peer;
import dev.tailgate.gateway.admin.status.GatewayStatus.Reload;
import dev.tailgate.gateway.admin.status.GatewayStatus.Sending;
import dev.tailgate.pipeline.exporterhelper.SendStatus;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of the status the components report themselves rather than through meters: each
 * exporter's sending, the tail sampling ring, and the config version with the last reload. Read
 * live for each request, like the gauges.
 */
final class StatusSections {
  private StatusSections() {}

  /** One per exporter, in name order. */
  static List<Sending> sending(Map<String, ? extends SendStatus> exporters) {
    List<Sending> sending = new ArrayList<>();
    new TreeMap<>(exporters)
        .forEach(
            (name, status) ->
                sending.add(
                    new Sending(
                        name,
                        status.retrying(),
                        status.sending(),
                        status
                            .lastError()
                            .map(
                                error ->
                                    new LastError(
                                        error.message(), error.at().toString(), error.permanent()))
                            .orElse(null))));
    return sending;
  }

  static List<Peer> peers(List<PeerState> states) {
    List<Peer> peers = new ArrayList<>(states.size());
    for (PeerState state : states) {
      peers.add(
          new Peer(
              state.address(),
              state.self(),
              state.healthy(),
              state.owner(),
              state.lastHeard().map(Instant::toString).orElse(null)));
    }
    return peers;
  }

  static Config config(ReloadLog log) {
    Reload last =
        log.last()
            .map(
                entry ->
                    new Reload(
                        entry.at().toString(),
                        entry.trigger(),
                        entry.applied(),
                        entry.configVersion(),
                        entry.lines()))
            .orElse(null);
    return new Config(log.runningVersion(), last);
  }
}
