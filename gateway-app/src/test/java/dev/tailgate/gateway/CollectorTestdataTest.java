package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.pipeline.ComponentKind;
import dev.tailgate.pipeline.Factory;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Collector's own testdata configs, copied under {@code collector-testdata/<kind>/<type>/} with
 * their origin, run through {@code check} and a start: a Collector user's component config must
 * bind here unchanged. Each directory's {@code cases.yaml} says how a file holds its instances and
 * which of them the Collector's tests treat as invalid:
 *
 * <pre>
 * - file: config.yaml      # beside cases.yaml
 *   shape: instances       # instances: id -> config | single: the file is one config | full: a whole config
 *                          # named: name -> config, each the instance "<type>/name" (the Collector's
 *                          # tests take such files' sub-configs by bare name)
 *   only: [otlp, otlp/2]   # optional: only these ids
 *   refused: { otlp/bad: "text the check message must contain" }
 *   refused_here: { filter/legacy: "text" }  # valid to the Collector, refused here on purpose
 *   unrunnable: { otlp/tls: [ "receivers.otlp/tls.protocols.grpc.tls." ] }
 *   not_started: { otlp/tls: "why it passes check but cannot start here" }
 * </pre>
 *
 * {@code unrunnable} is for instances the Collector's tests only unmarshal, which name files or
 * extensions that exist nowhere: the Collector would fail on them as it starts, and our {@code
 * check} refuses them already, as it refuses everything the server would. Every problem check names
 * for such an instance must start with one of the paths given, so a key refused for another reason
 * still fails the test.
 *
 * <p>Every instance is wrapped in a minimal pipeline for each signal its factory takes: a loopback
 * otlp receiver in front of a processor or exporter, a debug exporter behind a receiver or
 * processor.
 */
class CollectorTestdataTest {
  private static final Path ROOT = Path.of("src/test/resources/collector-testdata");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir Path dir;

  /** One instance of a copied file, and what the Collector's tests expect of it. */
  record Instance(
      ComponentKind kind,
      String id,
      JsonNode config,
      String refusedWith,
      List<String> onlyProblemsUnder) {
    boolean passesCheck() {
      return refusedWith == null && onlyProblemsUnder.isEmpty();
    }

    String type() {
      int slash = id.indexOf('/');
      return slash < 0 ? id : id.substring(0, slash);
    }

    String section() {
      return kind.section();
    }
  }

  /** The instances of one copied file. */
  record CopiedFile(Path path, List<Instance> instances, Map<String, String> notStarted) {}

  @TestFactory
  Stream<DynamicNode> everyCollectorTestdataInstanceIsCheckedAsTheCollectorDoes()
      throws IOException {
    List<Path> indexes;
    try (Stream<Path> files = Files.walk(ROOT)) {
      indexes =
          files
              .filter(p -> p.getFileName().toString().equals("cases.yaml"))
              .sorted(Comparator.naturalOrder())
              .toList();
    }
    assertThat(indexes).as("cases.yaml files under " + ROOT).isNotEmpty();
    return indexes.stream()
        .flatMap(index -> copiedFiles(index).stream())
        .map(
            file ->
                dynamicContainer(
                    ROOT.relativize(file.path()).toString(),
                    Stream.concat(
                        file.instances().stream().map(this::checkTest),
                        Stream.of(dynamicTest("starts", () -> startsValidInstances(file))))));
  }

  private DynamicNode checkTest(Instance instance) {
    String name =
        (instance.passesCheck()
                ? "passes check: "
                : instance.refusedWith() != null ? "refused by check: " : "unrunnable here: ")
            + instance.section()
            + "."
            + instance.id();
    return dynamicTest(
        name,
        () -> {
          Path config = dir.resolve("check.yml");
          Files.writeString(config, YAML.writeValueAsString(wrap(List.of(instance), false)));
          TailgateCli.Run run = TailgateCli.run("check", config);
          if (instance.passesCheck()) {
            assertThat(run.succeeded()).as(run.stderr()).isTrue();
          } else if (instance.refusedWith() != null) {
            assertThat(run.succeeded()).as("refused").isFalse();
            assertThat(run.stderr()).contains(instance.refusedWith());
          } else {
            assertThat(run.succeeded()).as("refused").isFalse();
            assertThat(problems(run.stderr()))
                .isNotEmpty()
                .allSatisfy(
                    problem ->
                        assertThat(instance.onlyProblemsUnder())
                            .as(problem)
                            .anySatisfy(prefix -> assertThat(problem).startsWith(prefix)));
          }
        });
  }

  private void startsValidInstances(CopiedFile file) throws Exception {
    List<Instance> startable =
        file.instances().stream()
            .filter(i -> i.passesCheck() && !file.notStarted().containsKey(i.id()))
            .toList();
    // Receivers one at a time: each serves its own HTTP endpoint, and the gateway has one.
    List<List<Instance>> groups = new ArrayList<>();
    for (Instance instance : startable) {
      if (instance.kind() == ComponentKind.RECEIVER || groups.isEmpty()) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(instance);
    }
    for (List<Instance> group : groups) {
      String config = YAML.writeValueAsString(wrap(group, true));
      try (GatewayUnderTest gateway = new GatewayUnderTest(config, 0)) {
        gateway.start();
        assertThat(gateway.admin("/healthcheck").statusCode())
            .as("healthcheck of %s", group.stream().map(Instance::id).toList())
            .isEqualTo(200);
      }
    }
  }

  /** A config.yml that runs {@code instances}, each in a pipeline of every signal it takes. */
  private static ObjectNode wrap(List<Instance> instances, boolean movePorts) {
    ObjectNode root = NODES.objectNode();
    ObjectNode receivers = root.putObject("receivers");
    ObjectNode processors = root.putObject("processors");
    ObjectNode exporters = root.putObject("exporters");
    ObjectNode pipelines = root.putObject("service").putObject("pipelines");
    exporters.putObject("debug").put("verbosity", "basic");
    boolean needsReceiver = false;
    int n = 0;
    for (Instance instance : instances) {
      JsonNode config = instance.config().deepCopy();
      if (movePorts && instance.kind() == ComponentKind.RECEIVER) {
        moveEndpointsToLoopback(config);
      }
      ((ObjectNode) root.get(instance.section())).set(instance.id(), config);
      needsReceiver |= instance.kind() != ComponentKind.RECEIVER;
      for (Signal<?> signal : signalsOf(instance)) {
        ObjectNode pipeline = pipelines.putObject(signal.name() + "/" + n++);
        switch (instance.kind()) {
          case RECEIVER -> {
            pipeline.putArray("receivers").add(instance.id());
            pipeline.putArray("exporters").add("debug");
          }
          case PROCESSOR -> {
            pipeline.putArray("receivers").add("otlp/front");
            pipeline.putArray("processors").add(instance.id());
            pipeline.putArray("exporters").add("debug");
          }
          case EXPORTER -> {
            pipeline.putArray("receivers").add("otlp/front");
            pipeline.putArray("exporters").add(instance.id());
          }
        }
      }
    }
    if (needsReceiver) {
      receivers
          .putObject("otlp/front")
          .putObject("protocols")
          .putObject("grpc")
          .put("endpoint", "127.0.0.1:" + FreePorts.next());
    }
    if (processors.isEmpty()) {
      root.remove("processors");
    }
    if (receivers.isEmpty()) {
      root.remove("receivers");
    }
    ObjectNode admin = NODES.objectNode();
    // GatewayUnderTest puts its own free port where ADMIN_PORT stands, and knows it.
    admin.put("type", "http").put("bindHost", "127.0.0.1");
    if (movePorts) {
      admin.put("port", "ADMIN_PORT");
    } else {
      admin.put("port", FreePorts.next());
    }
    root.putObject("server").putArray("adminConnectors").add(admin);
    root.putObject("logging").put("level", "WARN");
    return root;
  }

  private static List<Signal<?>> signalsOf(Instance instance) {
    Factory<?> factory =
        TailgateComponents.registry()
            .find(instance.kind(), instance.type())
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no " + instance.kind() + " factory for type " + instance.type()));
    return Signal.ALL.stream().filter(factory.signals()::contains).toList();
  }

  /** Every {@code endpoint: host:port} below {@code node} becomes a free loopback port. */
  private static void moveEndpointsToLoopback(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        // URLs and unix-socket paths stay; host:port moves to a free loopback port.
        if (name.equals("endpoint")
            && value.isTextual()
            && !value.textValue().contains("//")
            && !value.textValue().startsWith("/")) {
          object.put(name, "127.0.0.1:" + FreePorts.next());
        } else {
          moveEndpointsToLoopback(value);
        }
      }
    }
  }

  private static List<CopiedFile> copiedFiles(Path index) {
    Path directory = index.getParent();
    ComponentKind kind = kindOf(ROOT.relativize(directory).getName(0).toString());
    String type = directory.getFileName().toString();
    List<CopiedFile> files = new ArrayList<>();
    for (JsonNode entry : read(index)) {
      Path path = directory.resolve(entry.path("file").asText());
      Map<String, String> refused = texts(entry.path("refused"));
      Map<String, List<String>> unrunnable = new LinkedHashMap<>();
      entry
          .path("unrunnable")
          .fields()
          .forEachRemaining(
              field -> {
                List<String> prefixes = new ArrayList<>();
                if (field.getValue().isArray()) {
                  field.getValue().forEach(prefix -> prefixes.add(prefix.asText()));
                } else {
                  prefixes.add(field.getValue().asText());
                }
                unrunnable.put(field.getKey(), prefixes);
              });
      // Forms the Collector still takes that Tailgate refuses on purpose, saying what to write.
      refused.putAll(texts(entry.path("refused_here")));
      List<String> only = new ArrayList<>();
      entry.path("only").forEach(id -> only.add(id.asText()));
      List<Instance> instances = new ArrayList<>();
      instancesOf(read(path), entry.path("shape").asText("instances"), kind, type)
          .forEach(
              (id, config) -> {
                if (only.isEmpty() || only.contains(id)) {
                  instances.add(
                      new Instance(
                          kind,
                          id,
                          config,
                          refused.get(id),
                          unrunnable.getOrDefault(id, List.of())));
                }
              });
      assertThat(instances).as("instances of " + path).isNotEmpty();
      assertThat(instances.stream().map(Instance::id))
          .as("ids that " + index + " expects refused")
          .containsAll(refused.keySet())
          .containsAll(unrunnable.keySet());
      files.add(new CopiedFile(path, instances, texts(entry.path("not_started"))));
    }
    return files;
  }

  private static Map<String, JsonNode> instancesOf(
      JsonNode file, String shape, ComponentKind kind, String type) {
    Map<String, JsonNode> instances = new LinkedHashMap<>();
    JsonNode map =
        switch (shape) {
          case "single" -> {
            instances.put(type, file.isNull() ? NODES.objectNode() : file);
            yield null;
          }
          case "full" -> file.path(kind.section());
          case "instances" -> file;
          case "named" -> {
            file.fields()
                .forEachRemaining(
                    field ->
                        instances.put(
                            type + "/" + field.getKey(),
                            field.getValue().isNull() ? NODES.objectNode() : field.getValue()));
            yield null;
          }
          default -> throw new AssertionError("unknown shape " + shape);
        };
    if (map != null) {
      map.fields()
          .forEachRemaining(
              field ->
                  instances.put(
                      field.getKey(),
                      field.getValue().isNull() ? NODES.objectNode() : field.getValue()));
    }
    return instances;
  }

  /** The problem lines of a check's report, without the warnings after them. */
  private static List<String> problems(String report) {
    List<String> problems = new ArrayList<>();
    for (String line : report.lines().toList()) {
      if (line.startsWith("Warnings")) {
        break;
      }
      if (line.startsWith("  * ")) {
        problems.add(line.substring(4));
      }
    }
    return problems;
  }

  private static ComponentKind kindOf(String section) {
    return switch (section) {
      case "receivers" -> ComponentKind.RECEIVER;
      case "processors" -> ComponentKind.PROCESSOR;
      case "exporters" -> ComponentKind.EXPORTER;
      default -> throw new AssertionError("not a component kind: " + section);
    };
  }

  private static Map<String, String> texts(JsonNode map) {
    Map<String, String> texts = new LinkedHashMap<>();
    map.fields().forEachRemaining(field -> texts.put(field.getKey(), field.getValue().asText()));
    return texts;
  }

  private static JsonNode read(Path path) {
    try {
      JsonNode node = YAML.readTree(path.toFile());
      return node == null ? NODES.nullNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
