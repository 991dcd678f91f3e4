package dev.tailgate.gateway;

import static dev.tailgate.gateway.testing.HelmChart.FULLNAME;
import static dev.tailgate.gateway.testing.HelmChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.HelmChart;
import dev.tailgate.gateway.testing.HelmChart.Manifests;
import dev.tailgate.pipeline.testing.TestCertificates;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart in helm/tailgate: linted and rendered by helm, the manifests checked, the rendered
 * config.yml run through the gateway's own {@code check} and started, the probe paths asked on the
 * running gateway, and the alert rules run through promtool.
 */
class HelmChartTest {
  private static final String QUEUE_DIRECTORY = "/var/lib/tailgate/queue";
  private static final String ADMIN_TOKEN_FILE = "/etc/tailgate/admin/token";

  /** Not resolvable here: check must not look names up. */
  private static final String BACKEND = "backend.observability.svc.cluster.local:4317";

  private final HelmChart chart = new HelmChart(Path.of("../helm/tailgate"));
  @TempDir Path dir;

  @Test
  void lintsStrictlyWithoutWarnings() {
    LintResult lint = chart.lintStrict();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void rendersWorkloadServicesConfigHpaAndPdbByDefault() {
    Manifests manifests = chart.render(Map.of());

    assertThat(manifests.kinds())
        .containsOnly(
            "ConfigMap",
            "Deployment",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "Service",
            "ServiceAccount")
        .filteredOn("Service"::equals)
        .as("main, metrics and headless")
        .hasSize(3);
    assertThat(
            manifests
                .get("HorizontalPodAutoscaler", FULLNAME)
                .at("/spec/scaleTargetRef/kind")
                .asText())
        .isEqualTo("Deployment");
    assertThat(
            manifests
                .get("HorizontalPodAutoscaler", FULLNAME)
                .at("/spec/metrics/0/resource/name")
                .asText())
        .isEqualTo("cpu");
    assertThat(manifests.get("PodDisruptionBudget", FULLNAME).at("/spec/maxUnavailable").asInt())
        .isEqualTo(1);
    assertThat(manifests.workload().at("/spec/replicas").isMissingNode())
        .as("the HPA owns the count")
        .isTrue();
  }

  @Test
  void servicesExposeNamedPortsAndTheHeadlessOnePublishesPodsBeforeTheyAreReady() {
    Manifests manifests = chart.render(Map.of());

    assertThat(ports(manifests.get("Service", FULLNAME).at("/spec/ports"), "port"))
        .as("OTLP only: the admin port has its own Service")
        .containsExactly(Map.entry("grpc", 4317), Map.entry("http", 4318));
    assertThat(ports(manifests.container().at("/ports"), "containerPort"))
        .containsExactly(
            Map.entry("grpc", 4317), Map.entry("http", 4318), Map.entry("admin", 8081));
    JsonNode headless = manifests.get("Service", FULLNAME + "-headless");
    assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(ports(headless.at("/spec/ports"), "port")).containsExactly(Map.entry("grpc", 4317));
  }

  @Test
  void metricsServiceCarriesOnlyTheAdminPortAndStaysInsideTheClusterWhateverTheMainServicesType() {
    Manifests manifests = chart.render(Map.of("service.type", "LoadBalancer"));
    JsonNode metrics = manifests.get("Service", FULLNAME + "-metrics");

    assertThat(ports(metrics.at("/spec/ports"), "port")).containsExactly(Map.entry("admin", 8081));
    assertThat(metrics.at("/spec/ports/0/targetPort").asText()).isEqualTo("admin");
    assertThat(metrics.at("/metadata/labels/app.kubernetes.io~1component").asText())
        .isEqualTo("metrics");
    assertThat(metrics.at("/spec/selector"))
        .isEqualTo(manifests.workload().at("/spec/selector/matchLabels"));
    assertThat(metrics.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(manifests.get("Service", FULLNAME).at("/spec/type").asText())
        .isEqualTo("LoadBalancer");
  }

  @Test
  void renderedConfigListensOnTheContainerPortsAndLogsJson() {
    JsonNode config = chart.render(Map.of()).config();

    assertThat(config.at("/receivers/otlp/protocols/grpc/endpoint").asText())
        .isEqualTo("0.0.0.0:4317");
    assertThat(config.at("/receivers/otlp/protocols/http/endpoint").asText())
        .isEqualTo("0.0.0.0:4318");
    assertThat(config.at("/server/adminConnectors/0/port").asInt()).isEqualTo(8081);
    assertThat(config.at("/logging/appenders/0/layout/type").asText()).isEqualTo("json");
    assertThat(config.at("/processors/tail_sampling/peers/dns/hostname").asText())
        .as("peers are on by default")
        .endsWith(".svc.cluster.local");
  }

  /**
   * The gateway's own default is loopback; the kubelet's probes and Prometheus connect to the pod
   * IP.
   */
  @Test
  void adminConnectorListensOnThePodIpNotLoopback() {
    JsonNode connectors = chart.render(Map.of()).config().at("/server/adminConnectors");

    assertThat(connectors).hasSize(1);
    assertThat(connectors.at("/0/bindHost").asText()).isEqualTo("0.0.0.0");
    assertThat(connectors.at("/0/port").asInt()).isEqualTo(8081);
  }

  /**
   * tail_sampling forwards spans to the peer that owns their trace: they must leave the pod
   * redacted.
   */
  @Test
  void tracesAreRedactedBeforeTailSamplingForwardsThemToPeers() {
    JsonNode config = chart.render(Map.of()).config();

    assertThat(texts(config.at("/service/pipelines/traces/processors")))
        .containsExactly("memory_limiter", "redaction", "tail_sampling", "batch");
    assertThat(config.at("/processors/tail_sampling").has("peers")).isTrue();
  }

  @Test
  void valuesMergeOverTheDefaultConfigAndMovePortsEverywhere() {
    Manifests manifests =
        chart.render(
            Map.of(
                "ports.admin", "9091",
                "config.processors.batch.timeout", "1s",
                "config.exporters.debug", "null",
                "config.exporters.otlp.endpoint", BACKEND,
                "config.service.pipelines.traces.exporters[0]", "otlp"));
    JsonNode config = manifests.config();

    assertThat(config.at("/processors/batch/timeout").asText()).isEqualTo("1s");
    assertThat(config.at("/processors/batch/send_batch_size").asInt()).isEqualTo(8192);
    assertThat(config.at("/exporters").has("debug")).isFalse();
    assertThat(config.at("/exporters/otlp/endpoint").asText()).isEqualTo(BACKEND);
    assertThat(config.at("/server/adminConnectors/0/port").asInt()).isEqualTo(9091);
    assertThat(ports(manifests.container().at("/ports"), "containerPort"))
        .containsEntry("admin", 9091);
  }

  @Test
  void containerRunsTheJarWithThePodIpAndAHeapThatFollowsTheMemoryLimit() {
    JsonNode container = chart.render(Map.of()).container();

    assertThat(texts(container.at("/command")))
        .containsExactly("java", "-jar", "/app/tailgate.jar", "server", "/etc/tailgate/config.yml");
    assertThat(env(container, "POD_IP").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("status.podIP");
    assertThat(env(container, "JAVA_TOOL_OPTIONS").path("value").asText())
        .contains("-XX:MaxRAMPercentage=75");
    assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    assertThat(mountPaths(container)).contains("/etc/tailgate");
  }

  @Test
  void extraEnvAndAnnotationsReachThePod() {
    Manifests manifests =
        chart.render(
            Map.of(
                "extraEnv[0].name", "BACKEND_TOKEN",
                "extraEnv[0].value", "t",
                "podAnnotations.team", "obs",
                "annotations.owner", "sre"));

    assertThat(env(manifests.container(), "BACKEND_TOKEN").path("value").asText()).isEqualTo("t");
    assertThat(manifests.workload().at("/spec/template/metadata/annotations/team").asText())
        .isEqualTo("obs");
    assertThat(manifests.workload().at("/metadata/annotations/owner").asText()).isEqualTo("sre");
  }

  @Test
  void podsRollWhenTheConfigChanges() {
    String before = checksum(chart.render(Map.of()));
    String again = checksum(chart.render(Map.of()));
    String after = checksum(chart.render(Map.of("config.processors.batch.timeout", "1s")));

    assertThat(before).matches("[0-9a-f]{64}").isEqualTo(again).isNotEqualTo(after);
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootWithNoCapabilitiesAndAWritableTmp() {
    Manifests manifests = chart.render(Map.of());
    JsonNode pod = manifests.workload().at("/spec/template/spec");
    JsonNode container = manifests.container();

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    assertThat(mountPaths(container)).contains("/tmp");
    assertThat(StreamSupport.stream(pod.at("/volumes").spliterator(), false))
        .anySatisfy(v -> assertThat(v.has("emptyDir")).isTrue());
  }

  @Test
  void probesUseTheAdminPortLivenessOnPingReadinessOnHealthcheck() {
    JsonNode container = chart.render(Map.of()).container();

    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/ping");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/healthcheck");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/ping");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("admin");
    }
  }

  @Test
  void probePathsAnswerOnAGatewayStartedWithTheRenderedConfig() throws Exception {
    JsonNode container = chart.render(Map.of()).container();
    // One gateway alone on loopback: no headless Service to find peers through.
    String config =
        onFreePorts(chart.render(Map.of("tailSampling.peers.enabled", "false")).configYaml());

    try (GatewayUnderTest gateway = new GatewayUnderTest(config, FreePorts.next()).start()) {
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        String path = container.at("/" + probe + "/httpGet/path").asText();
        HttpResponse<String> response = gateway.admin(path);
        assertThat(response.statusCode())
            .as("%s %s: %s", probe, path, response.body())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void renderedConfigPassesTheGatewaysCheck() throws Exception {
    assertThat(check(chart.render(Map.of()).configYaml())).as(errors()).isTrue();
    String withBackend =
        chart
            .render(
                Map.of(
                    "config.exporters.otlp.endpoint", BACKEND,
                    "config.exporters.otlp.tls.insecure", "true",
                    "config.service.pipelines.traces.exporters[0]", "otlp",
                    "config.service.pipelines.traces.exporters[1]", "debug"))
            .configYaml();
    assertThat(check(withBackend)).as(errors()).isTrue();
  }

  @Test
  void persistentQueueMakesAStatefulSetWhoseClaimHoldsEveryQueuingExportersStorage()
      throws Exception {
    Manifests manifests =
        chart.render(
            Map.of(
                "persistentQueue.enabled", "true",
                "config.exporters.otlp.endpoint", BACKEND,
                "config.service.pipelines.traces.exporters[0]", "otlp",
                "config.service.pipelines.traces.exporters[1]", "debug"));
    JsonNode statefulSet = manifests.workload();
    JsonNode config = manifests.config();

    assertThat(manifests.kinds()).contains("StatefulSet").doesNotContain("Deployment");
    assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo(FULLNAME + "-headless");
    assertThat(statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
        .isEqualTo("queue");
    assertThat(
            statefulSet.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText())
        .isEqualTo("10Gi");
    assertThat(volumeMount(manifests.container(), "queue").path("mountPath").asText())
        .isEqualTo(QUEUE_DIRECTORY);
    assertThat(config.at("/exporters/otlp/sending_queue/storage/directory").asText())
        .isEqualTo(QUEUE_DIRECTORY);
    assertThat(config.at("/exporters/debug").has("sending_queue"))
        .as("debug has no queue")
        .isFalse();
    assertThat(
            manifests
                .get("HorizontalPodAutoscaler", FULLNAME)
                .at("/spec/scaleTargetRef/kind")
                .asText())
        .isEqualTo("StatefulSet");
    // check opens no directory but judges whether the queue could: here the claim is a temp dir.
    String mounted =
        manifests.configYaml().replace(QUEUE_DIRECTORY, dir.resolve("queue").toString());
    assertThat(check(mounted)).as(errors()).isTrue();
  }

  @Test
  void peersPointAtTheHeadlessServiceWithThisPodsIp() {
    JsonNode peers =
        chart
            .render(Map.of("tailSampling.peers.enabled", "true"))
            .config()
            .at("/processors/tail_sampling/peers");

    assertThat(peers.path("self").asText()).isEqualTo("${POD_IP}:4317");
    assertThat(peers.at("/dns/hostname").asText())
        .isEqualTo(FULLNAME + "-headless." + NAMESPACE + ".svc.cluster.local");
    assertThat(peers.at("/dns/port").asInt()).isEqualTo(4317);
    assertThat(peers.at("/dns/interval").asText()).isEqualTo("5s");
  }

  @Test
  void staticPeersReplaceDnsDiscovery() {
    JsonNode peers =
        chart
            .render(
                Map.of(
                    "tailSampling.peers.enabled", "true",
                    "tailSampling.peers.static[0]", "10.0.0.1:4317",
                    "tailSampling.peers.static[1]", "10.0.0.2:4317"))
            .config()
            .at("/processors/tail_sampling/peers");

    assertThat(texts(peers.path("static"))).containsExactly("10.0.0.1:4317", "10.0.0.2:4317");
    assertThat(peers.has("dns")).isFalse();
  }

  @Test
  void configWithDnsPeersPassesCheckWithoutResolvingTheName() throws Exception {
    String config = chart.render(Map.of("tailSampling.peers.enabled", "true")).configYaml();

    assertThat(check(config)).as(errors()).isTrue();
  }

  @Test
  void monitoringObjectsAreOptionalAndOffByDefault() {
    assertThat(chart.render(Map.of()).kinds()).doesNotContain("ServiceMonitor", "PrometheusRule");
    Manifests manifests =
        chart.render(Map.of("serviceMonitor.enabled", "true", "prometheusRule.enabled", "true"));

    JsonNode monitor = manifests.get("ServiceMonitor", FULLNAME);
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("admin");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
  }

  @Test
  void serviceMonitorSelectsOnlyTheMetricsServiceAndKeepsTheJobTheAlertsSelect() {
    Manifests manifests = chart.render(Map.of("serviceMonitor.enabled", "true"));
    JsonNode monitor = manifests.get("ServiceMonitor", FULLNAME);
    JsonNode selector = monitor.at("/spec/selector/matchLabels");

    assertThat(selector.path("app.kubernetes.io/component").asText()).isEqualTo("metrics");
    // Each pod would be scraped once per selected Service, and only the metrics one has the admin
    // port.
    assertThat(manifests.all())
        .filteredOn(
            m ->
                m.path("kind").asText().equals("Service")
                    && labelsMatch(selector, m.at("/metadata/labels")))
        .extracting(m -> m.at("/metadata/name").asText())
        .containsExactly(FULLNAME + "-metrics");
    // The operator would name the job after the Service; the alert rules select job=<fullname>.
    JsonNode relabeling = monitor.at("/spec/endpoints/0/relabelings/0");
    assertThat(relabeling.path("targetLabel").asText()).isEqualTo("job");
    assertThat(relabeling.path("replacement").asText()).isEqualTo(FULLNAME);
    assertThat(alertRules(Map.of()).get(0).path("expr").asText())
        .contains("job=\"" + FULLNAME + "\"");
  }

  @Test
  void networkPolicyRendersOnlyWhenEnabled() {
    assertThat(chart.render(Map.of()).kinds()).doesNotContain("NetworkPolicy");

    JsonNode policy =
        chart.render(Map.of("networkPolicy.enabled", "true")).get("NetworkPolicy", FULLNAME);

    assertThat(texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress");
  }

  @Test
  void openNetworkPolicyLetsOtlpInFromAnywhereAndNobodyOntoTheAdminPort() {
    Manifests manifests = chart.render(Map.of("networkPolicy.enabled", "true"));
    JsonNode policy = manifests.get("NetworkPolicy", FULLNAME);
    JsonNode rules = policy.at("/spec/ingress");

    assertThat(policy.at("/spec/podSelector/matchLabels"))
        .isEqualTo(manifests.workload().at("/spec/selector/matchLabels"));
    // Only the OTLP rule: an admin rule without peers would have no `from`, which admits everyone.
    assertThat(rules).hasSize(1);
    assertThat(policyPorts(rules.get(0))).containsExactly(4317, 4318);
    assertThat(rules.get(0).has("from")).as("a rule without from admits every source").isFalse();
  }

  @Test
  void
      restrictedNetworkPolicyAdmitsTheGivenPeersAndThisReleasesPodsToOtlpAndAdminFromToTheAdminPort() {
    Manifests manifests =
        chart.render(
            Map.of(
                "networkPolicy.enabled", "true",
                "networkPolicy.otlpFrom[0].namespaceSelector.matchLabels.team", "apps",
                "networkPolicy.adminFrom[0].namespaceSelector.matchLabels.name", "monitoring"));
    JsonNode rules = manifests.get("NetworkPolicy", FULLNAME).at("/spec/ingress");
    JsonNode thisRelease =
        JsonNodeFactory.instance
            .objectNode()
            .set(
                "podSelector",
                JsonNodeFactory.instance
                    .objectNode()
                    .set("matchLabels", manifests.workload().at("/spec/selector/matchLabels")));

    assertThat(rules).hasSize(2);
    assertThat(policyPorts(rules.get(0))).containsExactly(4317, 4318);
    // Tail-sampling peers forward spans to each other's grpc port.
    assertThat(rules.get(0).path("from"))
        .containsExactly(
            HelmChart.parse("namespaceSelector: {matchLabels: {team: apps}}"), thisRelease);
    assertThat(policyPorts(rules.get(1))).containsExactly(8081);
    assertThat(rules.get(1).path("from"))
        .containsExactly(HelmChart.parse("namespaceSelector: {matchLabels: {name: monitoring}}"));
  }

  @Test
  void withoutATokenSecretTheConfigHasNoAdminTokenAndNothingIsMounted() {
    Manifests manifests = chart.render(Map.of());

    assertThat(manifests.config().at("/service").has("admin")).isFalse();
    assertThat(mountPaths(manifests.container())).doesNotContain("/etc/tailgate/admin");
  }

  @Test
  void adminTokenSecretIsMountedReadOnlyAndTheRenderedConfigReadsTheTokenFromIt() throws Exception {
    Manifests manifests =
        chart.render(
            Map.of(
                "admin.tokenSecret.name",
                "tailgate-admin",
                "admin.tokenSecret.key",
                "admin-token"));
    JsonNode mount = volumeMount(manifests.container(), "admin-token");
    JsonNode secret = volume(manifests, "admin-token").path("secret");

    assertThat(secret.path("secretName").asText()).isEqualTo("tailgate-admin");
    assertThat(secret.at("/items/0/key").asText()).isEqualTo("admin-token");
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    assertThat(manifests.config().at("/service/admin/token_file").asText())
        .isEqualTo(ADMIN_TOKEN_FILE)
        .isEqualTo(mount.path("mountPath").asText() + "/" + secret.at("/items/0/path").asText());
    assertThat(check(withMountedToken(manifests.configYaml(), "s3cret-token")))
        .as(errors())
        .isTrue();
  }

  @Test
  void tlsAndBearerTokenSecretsAreMountedAndTheRenderedConfigUsesThemOnBothProtocolsAndThePeers()
      throws Exception {
    Manifests manifests =
        chart.render(
            Map.of(
                "tls.secretName",
                "tailgate-tls",
                "tls.clientAuth",
                "true",
                "auth.bearerTokenSecret.name",
                "tailgate-otlp",
                "auth.bearerTokenSecret.peerKey",
                "peer"));
    JsonNode config = manifests.config();

    assertThat(volume(manifests, "tls").at("/secret/secretName").asText())
        .isEqualTo("tailgate-tls");
    assertThat(volumeMount(manifests.container(), "tls").path("mountPath").asText())
        .isEqualTo("/etc/tailgate/tls");
    assertThat(volume(manifests, "auth-tokens").at("/secret/secretName").asText())
        .isEqualTo("tailgate-otlp");
    assertThat(volumeMount(manifests.container(), "auth-tokens").path("readOnly").asBoolean())
        .isTrue();
    for (String protocol : List.of("grpc", "http")) {
      JsonNode settings = config.at("/receivers/otlp/protocols/" + protocol);
      assertThat(settings.at("/tls/cert_file").asText()).isEqualTo("/etc/tailgate/tls/tls.crt");
      assertThat(settings.at("/tls/key_file").asText()).isEqualTo("/etc/tailgate/tls/tls.key");
      assertThat(settings.at("/tls/client_ca_file").asText()).isEqualTo("/etc/tailgate/tls/ca.crt");
      assertThat(settings.at("/auth/authenticator").asText()).isEqualTo("bearertokenauth/chart");
    }
    assertThat(config.at("/extensions/bearertokenauth~1chart/filename").asText())
        .isEqualTo("/etc/tailgate/auth/token");
    assertThat(texts(config.at("/service/extensions"))).contains("bearertokenauth/chart");
    JsonNode peers = config.at("/processors/tail_sampling/peers");
    assertThat(peers.at("/tls/ca_file").asText()).isEqualTo("/etc/tailgate/tls/ca.crt");
    assertThat(peers.at("/tls/cert_file").asText()).isEqualTo("/etc/tailgate/tls/tls.crt");
    assertThat(peers.at("/headers/authorization").asText())
        .isEqualTo("Bearer ${TAILGATE_PEER_TOKEN}");
    JsonNode env = manifests.container().path("env");
    assertThat(env.findValues("name").stream().map(JsonNode::asText))
        .contains("TAILGATE_PEER_TOKEN");
    assertThat(manifests.container().toString()).contains("\"key\":\"peer\"");

    // As the pod reads it: the Secrets' files where the kubelet puts them.
    TestCertificates ca = TestCertificates.authority(dir, "chart-ca");
    TestCertificates.Issued pod = ca.issue("gw-0");
    Path tlsDir = Files.createDirectories(dir.resolve("tls"));
    Files.copy(pod.certFile(), tlsDir.resolve("tls.crt"));
    Files.copy(pod.keyFile(), tlsDir.resolve("tls.key"));
    Files.copy(ca.caFile(), tlsDir.resolve("ca.crt"));
    Path authDir = Files.createDirectories(dir.resolve("auth"));
    Files.writeString(authDir.resolve("token"), "s3cret\n");
    String mounted =
        manifests
            .configYaml()
            .replace("/etc/tailgate/tls", tlsDir.toString())
            .replace("/etc/tailgate/auth", authDir.toString())
            .replace("${TAILGATE_PEER_TOKEN}", "s3cret");
    assertThat(check(mounted)).as(errors()).isTrue();
  }

  @Test
  void aBearerTokenSecretAndAReceiverAuthOfTheUsersOwnFailTheRender() {
    assertThatThrownBy(
            () ->
                chart.render(
                    Map.of(
                        "auth.bearerTokenSecret.name", "tailgate-otlp",
                        "config.receivers.otlp.protocols.grpc.auth.authenticator", "basicauth")))
        .hasMessageContaining(
            "auth.bearerTokenSecret.name and config.receivers.otlp.protocols.grpc.auth are both"
                + " set");
  }

  /**
   * The README's two-tier deployment: both example values files render and their config passes
   * check.
   */
  @Test
  void theKafkaTwoTierExamplesRenderAndPassCheck() throws Exception {
    Manifests agents = chart.render(Path.of("../helm/tailgate/examples/kafka-agent-tier.yaml"));
    Manifests sampling =
        chart.render(Path.of("../helm/tailgate/examples/kafka-sampling-tier.yaml"));

    assertThat(agents.config().at("/service/pipelines/traces/exporters").toString())
        .contains("kafka");
    assertThat(agents.config().at("/exporters/kafka/partition_traces_by_id").asBoolean()).isTrue();
    assertThat(sampling.config().at("/service/pipelines/traces/receivers").toString())
        .contains("kafka");
    assertThat(sampling.config().at("/processors/tail_sampling/peers").isMissingNode())
        .as("Kafka's partitions shard the traces: no peers")
        .isTrue();
    assertThat(check(agents.configYaml())).as(errors()).isTrue();
    assertThat(check(sampling.configYaml())).as(errors()).isTrue();
  }

  /**
   * After SIGTERM the whole shutdown ends by drain_timeout: the grace period must cover the preStop
   * pause and it.
   */
  @Test
  void theTerminationGracePeriodCoversThePreStopPauseJettysGraceAndTheDrainTimeout() {
    Manifests manifests = chart.render(Map.of());
    JsonNode pod = manifests.workload().at("/spec/template/spec");

    assertThat(manifests.container().at("/lifecycle/preStop/sleep/seconds").asInt()).isEqualTo(5);
    assertThat(pod.at("/terminationGracePeriodSeconds").asInt())
        .isGreaterThanOrEqualTo(5 + 5 + 30 + 5);
    assertThat(
            chart
                .render(Map.of("preStopDelaySeconds", "0"))
                .container()
                .at("/lifecycle")
                .isMissingNode())
        .isTrue();
    assertThatThrownBy(() -> chart.render(Map.of("config.service.drain_timeout", "1m")))
        .hasMessageContaining("terminationGracePeriodSeconds 60 is too short")
        .hasMessageContaining("= 75");
    assertThat(
            chart
                .render(
                    Map.of(
                        "config.service.drain_timeout",
                        "1m",
                        "terminationGracePeriodSeconds",
                        "75"))
                .workload()
                .at("/spec/template/spec/terminationGracePeriodSeconds")
                .asInt())
        .isEqualTo(75);
  }

  /** The gateway accepts one token: a render-time error beats a pod that fails its config check. */
  @Test
  void tokenSecretAndAnInlineTokenTogetherFailTheRender() {
    assertThatThrownBy(
            () ->
                chart.render(
                    Map.of(
                        "admin.tokenSecret.name", "tailgate-admin",
                        "config.service.admin.token", "inline")))
        .hasMessageContaining("admin.tokenSecret.name and config.service.admin.token are both set");
  }

  /**
   * The posture the chart documents, on gateways run with its config: the admin port is bound
   * beyond loopback.
   */
  @Test
  void adminTasksOnTheRenderedConfigNeedTheSecretsTokenAndAreOffWithoutOne() throws Exception {
    String withSecret =
        chart
            .render(
                Map.of(
                    "tailSampling.peers.enabled",
                    "false",
                    "admin.tokenSecret.name",
                    "tailgate-admin"))
            .configYaml();
    String withoutSecret = chart.render(Map.of("tailSampling.peers.enabled", "false")).configYaml();

    try (GatewayUnderTest gateway =
        new GatewayUnderTest(
                withMountedToken(onFreePorts(withSecret, "0.0.0.0"), "s3cret-token"),
                FreePorts.next())
            .start()) {
      assertThat(postGc(gateway, null).statusCode()).isEqualTo(401);
      assertThat(postGc(gateway, "Bearer s3cret-token").statusCode()).isEqualTo(200);
      assertThat(gateway.admin("/metrics").statusCode()).isEqualTo(200);
    }
    try (GatewayUnderTest gateway =
        new GatewayUnderTest(onFreePorts(withoutSecret, "0.0.0.0"), FreePorts.next()).start()) {
      assertThat(postGc(gateway, "Bearer s3cret-token").statusCode()).isEqualTo(403);
      assertThat(gateway.admin("/ping").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyAlertHasASeverityASummaryAndAnOperatorDescription() {
    List<JsonNode> rules = alertRules(Map.of("tailSampling.peers.enabled", "true"));

    assertThat(rules)
        .extracting(r -> r.path("alert").asText())
        .containsExactlyInAnyOrder(
            "TailgateReceiverRefusingData",
            "TailgateExporterSendFailures",
            "TailgateExporterQueueNearlyFull",
            "TailgateTailSamplingDecidingEarly",
            "TailgatePeersMissing",
            "TailgateHeapNearLimit");
    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
              assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
              assertThat(rule.at("/annotations/description").asText()).hasSizeGreaterThan(80);
            });
  }

  @Test
  void dashboardShipsInAConfigMapForGrafanasSidecar() throws Exception {
    JsonNode configMap = chart.render(Map.of()).get("ConfigMap", FULLNAME + "-dashboard");
    JsonNode dashboard = new ObjectMapper().readTree(configMap.at("/data/tailgate.json").asText());

    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(
            StreamSupport.stream(dashboard.path("panels").spliterator(), false)
                .map(p -> p.path("title").asText()))
        .contains(
            "Accepted by receiver (items/s)",
            "Sent by exporter (items/s)",
            "Queue fill by exporter",
            "Refused by receiver (items/s)",
            "Decisions by policy (traces/s)",
            "Traces in memory",
            "Heap used / max",
            "Memory budget used / limit",
            "Memory budget refusals");
    assertThat(chart.render(Map.of("dashboard.enabled", "false")).kinds())
        .containsOnlyOnce("ConfigMap");
  }

  /**
   * The names the alerts and the dashboard query exist on a gateway run with the chart's config.
   */
  @Test
  void alertsAndDashboardQueryMetricsTheGatewayExports() throws Exception {
    Manifests manifests =
        chart.render(
            Map.of(
                "prometheusRule.enabled", "true",
                "tailSampling.peers.enabled", "false",
                "config.processors.tail_sampling.decision_wait", "1s",
                "config.exporters.otlp.endpoint", "http://127.0.0.1:BACKEND_PORT",
                "config.service.pipelines.traces.exporters[0]", "otlp",
                "config.service.pipelines.traces.exporters[1]", "debug",
                "config.service.pipelines.logs.exporters[0]", "otlp",
                "config.service.pipelines.metrics.exporters[0]", "otlp"));
    Set<String> queried = new TreeSet<>();
    alertRules(manifests).forEach(rule -> queried.addAll(metricNames(rule.path("expr").asText())));
    queried.addAll(
        metricNames(
            manifests
                .get("ConfigMap", FULLNAME + "-dashboard")
                .at("/data/tailgate.json")
                .asText()));

    try (GatewayUnderTest gateway =
        new GatewayUnderTest(onFreePorts(manifests.configYaml()), FreePorts.next()).start()) {
      postOneSpan(gateway);
      assertThat(
              Await.until(
                  () ->
                      exportedNames(gateway)
                          .contains("tailgate_processor_tail_sampling_decisions_total"),
                  Duration.ofSeconds(20)))
          .as("a sampling decision")
          .isTrue();

      assertThat(exportedNames(gateway)).containsAll(queried);
    }
    assertThat(queried)
        .contains(
            "tailgate_exporter_queue_capacity",
            "jvm_memory_max_bytes",
            "tailgate_processor_tail_sampling_traces_in_memory",
            "tailgate_receiver_refused_log_records_total",
            "tailgate_memory_budget_used_bytes",
            "tailgate_memory_budget_refusals_total",
            "tailgate_processor_tail_sampling_buffered_bytes");
  }

  @Test
  void alertRulesPassPromtoolAndFireOnTheirSymptoms() throws Exception {
    Map<String, String> expr = new LinkedHashMap<>();
    List<JsonNode> rules =
        alertRules(Map.of("prometheusRule.enabled", "true", "tailSampling.peers.enabled", "true"));
    rules.forEach(rule -> expr.put(rule.path("alert").asText(), rule.path("expr").asText()));
    ObjectNode groups = JsonNodeFactory.instance.objectNode();
    groups.set(
        "groups",
        chart
            .render(Map.of("prometheusRule.enabled", "true", "tailSampling.peers.enabled", "true"))
            .get("PrometheusRule", FULLNAME)
            .at("/spec/groups"));
    Files.writeString(dir.resolve("rules.yml"), HelmChart.toYaml(groups));
    Files.writeString(dir.resolve("rules-test.yml"), HelmChart.toYaml(promtoolTests(expr)));

    promtoolSucceeds("check", "rules", "rules.yml");
    promtoolSucceeds("test", "rules", "rules-test.yml");
  }

  // --- promtool unit tests: each alert's expression fires on its symptom, and only there.

  private static final String POD = "pod=\"gw-tailgate-0\"";
  private static final String SERIES =
      "job=\"" + FULLNAME + "\",namespace=\"" + NAMESPACE + "\"," + POD;
  private static final String OUT = "namespace=\"" + NAMESPACE + "\"," + POD;

  private static ObjectNode promtoolTests(Map<String, String> expr) {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.putArray("rule_files").add("rules.yml");
    file.put("evaluation_interval", "1m");
    ObjectNode test = file.putArray("tests").addObject();
    test.put("interval", "1m");
    ArrayNode series = test.putArray("input_series");
    series(
        series,
        "tailgate_receiver_refused_spans_total{"
            + SERIES
            + ",receiver=\"otlp\",transport=\"grpc\"}",
        "0+60x20");
    series(
        series,
        "tailgate_receiver_refused_spans_total{"
            + SERIES
            + ",receiver=\"otlp\",transport=\"http\"}",
        "0x20");
    series(
        series,
        "tailgate_exporter_send_failed_log_records_total{" + SERIES + ",exporter=\"otlp\"}",
        "0+120x20");
    series(
        series,
        "tailgate_exporter_queue_size{" + SERIES + ",exporter=\"otlp\",data_type=\"TRACES\"}",
        "900x20");
    series(
        series,
        "tailgate_exporter_queue_capacity{" + SERIES + ",exporter=\"otlp\",data_type=\"TRACES\"}",
        "1000x20");
    series(
        series,
        "tailgate_exporter_queue_size{" + SERIES + ",exporter=\"jaeger\",data_type=\"TRACES\"}",
        "100x20");
    series(
        series,
        "tailgate_exporter_queue_capacity{" + SERIES + ",exporter=\"jaeger\",data_type=\"TRACES\"}",
        "1000x20");
    series(
        series,
        "tailgate_processor_tail_sampling_traces_decided_early_total{"
            + SERIES
            + ",processor=\"tail_sampling\",reason=\"num_traces\"}",
        "0+60x20");
    series(
        series,
        "tailgate_processor_tail_sampling_peers{"
            + SERIES
            + ",processor=\"tail_sampling\",state=\"healthy\"}",
        "1x20");
    series(series, "up{" + SERIES + "}", "1x20");
    series(
        series,
        "up{job=\"" + FULLNAME + "\",namespace=\"" + NAMESPACE + "\",pod=\"gw-tailgate-1\"}",
        "1x20");
    series(
        series, "jvm_memory_used_bytes{" + SERIES + ",area=\"heap\",id=\"G1 Old Gen\"}", "800x20");
    series(
        series,
        "jvm_memory_used_bytes{" + SERIES + ",area=\"heap\",id=\"G1 Eden Space\"}",
        "150x20");
    series(
        series, "jvm_memory_max_bytes{" + SERIES + ",area=\"heap\",id=\"G1 Old Gen\"}", "1000x20");
    series(
        series, "jvm_memory_max_bytes{" + SERIES + ",area=\"heap\",id=\"G1 Eden Space\"}", "-1x20");
    ArrayNode checks = test.putArray("promql_expr_test");
    expect(
        checks,
        expr.get("TailgateReceiverRefusingData"),
        "{" + OUT + ",receiver=\"otlp\",transport=\"grpc\"}",
        1);
    expect(checks, expr.get("TailgateExporterSendFailures"), "{" + OUT + ",exporter=\"otlp\"}", 2);
    expect(
        checks,
        expr.get("TailgateExporterQueueNearlyFull"),
        "{" + OUT + ",exporter=\"otlp\",data_type=\"TRACES\"}",
        0.9);
    expect(
        checks,
        expr.get("TailgateTailSamplingDecidingEarly"),
        "{" + OUT + ",processor=\"tail_sampling\",reason=\"num_traces\"}",
        1);
    expect(checks, expr.get("TailgatePeersMissing"), "{" + OUT + "}", 1);
    expect(checks, expr.get("TailgateHeapNearLimit"), "{" + OUT + "}", 0.95);
    return file;
  }

  private static void series(ArrayNode series, String name, String values) {
    series.addObject().put("series", name).put("values", values);
  }

  private static void expect(ArrayNode checks, String expr, String labels, double value) {
    assertThat(expr).isNotNull();
    ObjectNode check = checks.addObject().put("expr", expr).put("eval_time", "15m");
    check.putArray("exp_samples").addObject().put("labels", labels).put("value", value);
  }

  /** promtool comes with Debian's prometheus package, which .ci/run installs. */
  private void promtoolSucceeds(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  // --- helpers

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** {@code check config.yml} through Dropwizard's command line, as in the container. */
  /**
   * `check` as a pod runs it: POD_IP comes from the downward API (this JVM has no such variable).
   */
  private boolean check(String yaml) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml.replace("${POD_IP}", "10.1.2.3"));
    TailgateApplication application = new TailgateApplication();
    Bootstrap<TailgateConfiguration> bootstrap = new Bootstrap<>(application);
    application.addDefaultCommands(bootstrap);
    application.initialize(bootstrap);
    err.reset();
    Cli cli =
        new Cli(
            new JarLocation(TailgateApplication.class),
            bootstrap,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run("check", file.toString()).isEmpty();
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /**
   * The rendered config with its listen addresses moved to GatewayUnderTest's loopback
   * placeholders.
   */
  private static String onFreePorts(String config) {
    return onFreePorts(config, "127.0.0.1");
  }

  /**
   * As above with the admin connector bound to {@code adminHost}: "0.0.0.0" keeps the pod's
   * binding, on which the gateway guards its admin tasks.
   */
  private static String onFreePorts(String config, String adminHost) {
    assertThat(config)
        .contains(
            "endpoint: 0.0.0.0:4317", "endpoint: 0.0.0.0:4318", "bindHost: 0.0.0.0", "port: 8081");
    return config
        .replace("endpoint: 0.0.0.0:4317", "endpoint: 127.0.0.1:GRPC_PORT")
        .replace("endpoint: 0.0.0.0:4318", "endpoint: 127.0.0.1:HTTP_PORT")
        .replace("bindHost: 0.0.0.0", "bindHost: " + adminHost)
        .replace("port: 8081", "port: ADMIN_PORT");
  }

  /**
   * The rendered config as a pod with the token Secret mounted reads it: the file where the kubelet
   * puts it.
   */
  private String withMountedToken(String config, String token) throws Exception {
    assertThat(config).contains(ADMIN_TOKEN_FILE);
    // A Secret made from a file often ends in a newline; the gateway strips it.
    Path file = Files.writeString(dir.resolve("admin-token"), token + "\n");
    return config.replace(ADMIN_TOKEN_FILE, file.toString());
  }

  /** POST /tasks/gc, a task Dropwizard always has, with an optional Authorization header. */
  private static HttpResponse<String> postGc(GatewayUnderTest gateway, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort + "/tasks/gc"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void postOneSpan(GatewayUnderTest gateway) throws Exception {
    String span =
        """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
        "spanId":"eee19b7ec3c1b174","name":"hello","kind":1,"startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}\
        """;
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(span))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static final Pattern SAMPLE_NAME =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

  private static Set<String> exportedNames(GatewayUnderTest gateway) {
    try {
      Set<String> names = new TreeSet<>();
      Matcher m = SAMPLE_NAME.matcher(gateway.admin("/metrics").body());
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Metric names in PromQL text; {@code a_(x|y)_b} (a regex on __name__) stands for a_x_b and
   * a_y_b.
   */
  private static final Pattern QUERIED_NAME =
      Pattern.compile("\\b((?:tailgate|jvm)_[a-z_]*?)(?:\\(([a-z_|]+)\\)([a-z_]*))?(?![a-z_(])");

  private static Set<String> metricNames(String promql) {
    Set<String> names = new TreeSet<>();
    Matcher m = QUERIED_NAME.matcher(promql);
    while (m.find()) {
      if (m.group(2) == null) {
        names.add(m.group(1));
      } else {
        for (String alternative : m.group(2).split("\\|")) {
          names.add(m.group(1) + alternative + m.group(3));
        }
      }
    }
    return names;
  }

  private List<JsonNode> alertRules(Map<String, String> values) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("prometheusRule.enabled", "true");
    return alertRules(chart.render(all));
  }

  private static List<JsonNode> alertRules(Manifests manifests) {
    return StreamSupport.stream(
            manifests.get("PrometheusRule", FULLNAME).at("/spec/groups").spliterator(), false)
        .flatMap(group -> StreamSupport.stream(group.path("rules").spliterator(), false))
        .toList();
  }

  private static String checksum(Manifests manifests) {
    return manifests.workload().at("/spec/template/metadata/annotations/checksum~1config").asText();
  }

  private static Map<String, Integer> ports(JsonNode ports, String numberKey) {
    Map<String, Integer> byName = new LinkedHashMap<>();
    ports.forEach(p -> byName.put(p.path("name").asText(), p.path(numberKey).asInt()));
    return byName;
  }

  private static JsonNode env(JsonNode container, String name) {
    return StreamSupport.stream(container.path("env").spliterator(), false)
        .filter(e -> e.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static JsonNode volumeMount(JsonNode container, String name) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .filter(v -> v.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mount " + name));
  }

  private static JsonNode volume(Manifests manifests, String name) {
    return StreamSupport.stream(
            manifests.workload().at("/spec/template/spec/volumes").spliterator(), false)
        .filter(v -> v.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  /** The port numbers of a NetworkPolicy ingress rule. */
  private static List<Integer> policyPorts(JsonNode rule) {
    return StreamSupport.stream(rule.path("ports").spliterator(), false)
        .map(p -> p.path("port").asInt())
        .toList();
  }

  /** Whether a label selector's matchLabels all appear among {@code labels}. */
  private static boolean labelsMatch(JsonNode matchLabels, JsonNode labels) {
    return StreamSupport.stream(
            ((Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields).spliterator(), false)
        .allMatch(
            e ->
                labels.has(e.getKey())
                    && labels.get(e.getKey()).asText().equals(e.getValue().asText()));
  }

  private static List<String> mountPaths(JsonNode container) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .map(v -> v.path("mountPath").asText())
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
