package dev.tailgate.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart in helm/tailgate, linted and rendered by helm itself (helm-java runs helm as a native
 * library in this JVM), with the manifests parsed as trees.
 */
public final class HelmChart {
  public static final String RELEASE = "gw";
  public static final String NAMESPACE = "obs";
  public static final String FULLNAME = RELEASE + "-tailgate";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private final Path chart;

  public HelmChart(Path chart) {
    this.chart = chart;
  }

  public LintResult lintStrict() {
    return new Helm(chart).lint().strict().call();
  }

  /** {@code helm template gw helm/tailgate -n obs --set key=value ...}. */
  public Manifests render(Map<String, String> values) {
    TemplateCommand template =
        new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (Map.Entry<String, String> value : values.entrySet()) {
      template = template.set(value.getKey(), value.getValue());
    }
    return new Manifests(parseAll(template.call()));
  }

  /** Rendered with a values file, as {@code helm install -f file}. */
  public Manifests render(Path valuesFile) {
    return new Manifests(
        parseAll(
            new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withValuesFile(valuesFile)
                .call()));
  }

  public static JsonNode parse(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> parseAll(String rendered) {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.createParser(rendered)) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (document instanceof ObjectNode) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The rendered manifests. */
  public record Manifests(List<JsonNode> all) {
    public List<String> kinds() {
      return all.stream().map(m -> m.path("kind").asText()).sorted().toList();
    }

    public JsonNode get(String kind, String name) {
      return all.stream()
          .filter(
              m ->
                  m.path("kind").asText().equals(kind)
                      && m.at("/metadata/name").asText().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    /** The Deployment or StatefulSet. */
    public JsonNode workload() {
      return all.stream()
          .filter(m -> List.of("Deployment", "StatefulSet").contains(m.path("kind").asText()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no workload in " + names()));
    }

    public JsonNode container() {
      return workload().at("/spec/template/spec/containers/0");
    }

    /** The gateway's config.yml from the ConfigMap, as text. */
    public String configYaml() {
      return get("ConfigMap", FULLNAME).at("/data/config.yml").asText();
    }

    public JsonNode config() {
      return parse(configYaml());
    }

    private List<String> names() {
      return all.stream()
          .map(m -> m.path("kind").asText() + " " + m.at("/metadata/name").asText())
          .toList();
    }
  }
}
