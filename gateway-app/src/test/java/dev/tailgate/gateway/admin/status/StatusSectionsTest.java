package dev.tailgate.gateway.admin.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.gateway.admin.ReloadLogs;
import dev.tailgate.gateway.admin.status.GatewayStatus.Config;
import dev.tailgate.gateway.admin.status.GatewayStatus.LastError;
import dev.tailgate.gateway.admin.status.GatewayStatus.Peer;
import dev.tailgate.gateway.admin.status.GatewayStatus.Reload;
import dev.tailgate.gateway.admin.status.GatewayStatus.Sending;
import dev.tailgate.pipeline.exporterhelper.SendStatus;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The status sections the components report themselves, and how {@code /status.json} spells them.
 */
class StatusSectionsTest {
  static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");
  final ObjectMapper json = new ObjectMapper();

  record FixedSendStatus(Optional<SendStatus.LastError> lastError, int retrying, int sending)
      implements SendStatus {}

  @Test
  void listsEveryExporterInNameOrderWithItsLastErrorAndBatchesInRetry() {
    Map<String, SendStatus> exporters = new LinkedHashMap<>();
    exporters.put("otlp/live (traces)", new FixedSendStatus(Optional.empty(), 0, 1));
    exporters.put(
        "otlp/dead (traces)",
        new FixedSendStatus(
            Optional.of(
                new SendStatus.LastError(
                    "backend failed the export: UNAVAILABLE: io exception", AT, false)),
            3,
            1));

    assertThat(StatusSections.sending(exporters))
        .containsExactly(
            new Sending(
                "otlp/dead (traces)",
                3,
                1,
                new LastError(
                    "backend failed the export: UNAVAILABLE: io exception",
                    "2026-03-04T05:06:07.123456Z",
                    false)),
            new Sending("otlp/live (traces)", 0, 1, null));
  }

  @Test
  void anExportersLastErrorIsInTheJsonAsMessageTimeAndKindAndNullWithoutOne() throws Exception {
    Map<String, SendStatus> exporters =
        Map.of(
            "dead",
                new FixedSendStatus(
                    Optional.of(new SendStatus.LastError("<script>alert(1)</script>", AT, true)),
                    0,
                    0),
            "live", new FixedSendStatus(Optional.empty(), 0, 0));

    JsonNode sending = json.valueToTree(StatusSections.sending(exporters));

    assertThat(sending.get(0).path("lastError").path("message").asText())
        .isEqualTo("<script>alert(1)</script>");
    assertThat(sending.get(0).path("lastError").path("at").asText())
        .isEqualTo("2026-03-04T05:06:07.123456Z");
    assertThat(sending.get(0).path("lastError").path("permanent").asBoolean()).isTrue();
    assertThat(sending.get(0).path("retrying").isInt()).isTrue();
    assertThat(sending.get(1).path("lastError").isNull()).isTrue();
  }

  @Test
  void peersKeepTheRingsOrderWithSelfHealthOwnershipAndLastHeard() {
    List<Peer> peers =
        StatusSections.peers(
            List.of(
                new PeerState("10.0.0.1:4317", true, true, true, Optional.empty()),
                new PeerState("10.0.0.2:4317", false, false, false, Optional.of(AT)),
                new PeerState("10.0.0.3:4317", false, true, true, Optional.empty())));

    assertThat(peers)
        .containsExactly(
            new Peer("10.0.0.1:4317", true, true, true, null),
            new Peer("10.0.0.2:4317", false, false, false, "2026-03-04T05:06:07.123456Z"),
            new Peer("10.0.0.3:4317", false, true, true, null));
  }

  @Test
  void peersAreInTheTailSamplingJsonAndAnEmptyListWithoutPeers() throws Exception {
    GatewayStatus.TailSampling withPeers =
        new GatewayStatus.TailSampling(
            "tail_sampling",
            0,
            0,
            0,
            List.of(),
            Map.of(),
            Map.of(),
            StatusSections.peers(
                List.of(
                    new PeerState("10.0.0.1:4317", true, true, true, Optional.empty()),
                    new PeerState("10.0.0.2:4317", false, false, false, Optional.of(AT)))));
    GatewayStatus.TailSampling alone =
        new GatewayStatus.TailSampling(
            "tail_sampling/solo",
            0,
            0,
            0,
            List.of(),
            Map.of(),
            Map.of(),
            StatusSections.peers(List.of()));

    JsonNode peers = json.valueToTree(withPeers).path("peers");

    assertThat(peers).hasSize(2);
    assertThat(peers.get(0).path("address").asText()).isEqualTo("10.0.0.1:4317");
    assertThat(peers.get(0).path("self").asBoolean()).isTrue();
    assertThat(peers.get(0).path("lastHeard").isNull()).isTrue();
    assertThat(peers.get(1).path("self").asBoolean()).isFalse();
    assertThat(peers.get(1).path("healthy").asBoolean()).isFalse();
    assertThat(peers.get(1).path("owner").asBoolean()).isFalse();
    assertThat(peers.get(1).path("lastHeard").asText()).isEqualTo("2026-03-04T05:06:07.123456Z");
    assertThat(json.valueToTree(alone).path("peers").isArray()).isTrue();
    assertThat(json.valueToTree(alone).path("peers")).isEmpty();
  }

  @Test
  void beforeAnyReloadTheConfigIsItsStartupVersionAlone() {
    ReloadLog log = new ReloadLog("0123456789ab", Clock.fixed(AT, ZoneOffset.UTC));

    assertThat(StatusSections.config(log)).isEqualTo(new Config("0123456789ab", null));
  }

  @Test
  void aRefusedReloadIsShownWithItsLinesWhileTheRunningVersionStays() throws Exception {
    ReloadLog log =
        ReloadLogs.recorded(
            new ReloadLog("0123456789ab", Clock.fixed(AT, ZoneOffset.UTC)),
            "file_change",
            false,
            "fedcba987654",
            List.of(
                "not reloaded; the running config stays:",
                "  * processors.tail_sampling.decision_wait: must be positive"));

    Config config = StatusSections.config(log);

    assertThat(config)
        .isEqualTo(
            new Config(
                "0123456789ab",
                new Reload(
                    "2026-03-04T05:06:07.123456Z",
                    "file_change",
                    false,
                    "fedcba987654",
                    List.of(
                        "not reloaded; the running config stays:",
                        "  * processors.tail_sampling.decision_wait: must be positive"))));
    JsonNode node = json.valueToTree(config);
    assertThat(node.path("runningVersion").asText()).isEqualTo("0123456789ab");
    assertThat(node.path("lastReload").path("applied").asBoolean()).isFalse();
    assertThat(node.path("lastReload").path("lines").get(1).asText())
        .contains("processors.tail_sampling.decision_wait");
  }

  @Test
  void anAppliedReloadBecomesTheRunningVersion() {
    ReloadLog log =
        ReloadLogs.recorded(
            new ReloadLog("0123456789ab", Clock.fixed(AT, ZoneOffset.UTC)),
            "admin_task",
            true,
            "fedcba987654",
            List.of("processors.tail_sampling: policies now [errors]"));

    Config config = StatusSections.config(log);

    assertThat(config.runningVersion()).isEqualTo("fedcba987654");
    assertThat(config.lastReload().applied()).isTrue();
    assertThat(config.lastReload().trigger()).isEqualTo("admin_task");
  }
}
