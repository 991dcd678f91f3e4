package dev.tailgate.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Binds component configs from YAML as the gateway does, through the pipeline's ConfigBinder. */
public final class YamlConfig {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final String path;

  /** {@code path} is where the config sits in config.yml, e.g. {@code exporters.otlp}. */
  public YamlConfig(String path) {
    this.path = path;
  }

  /** Binds {@code text}; fails the test with the problems if there are any. */
  public <C> C bind(String text, Class<C> type) {
    ConfigErrors errors = new ConfigErrors();
    C config = new ConfigBinder().bind(parse(text), type, path, errors).orElse(null);
    errors.throwIfAny();
    return config;
  }

  /** Binds the classpath resource {@code name} next to {@code near}. */
  public <C> C bindResource(Class<?> near, String name, Class<C> type) {
    return bind(read(near, name), type);
  }

  /** The problems binding {@code text} reports; empty when it binds. */
  public List<String> problems(String text, Class<?> type) {
    ConfigErrors errors = new ConfigErrors();
    new ConfigBinder().bind(parse(text), type, path, errors);
    return errors.problems();
  }

  /** The warnings binding {@code text} gives (keys accepted without effect); fails on problems. */
  public List<String> warnings(String text, Class<?> type) {
    ConfigErrors errors = new ConfigErrors();
    new ConfigBinder().bind(parse(text), type, path, errors);
    errors.throwIfAny();
    return errors.warnings();
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = yaml.readTree(text);
      return node.isMissingNode() ? null : node; // an empty document means "all defaults"

    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Class<?> near, String name) {
    try (InputStream in = near.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no test resource " + name + " next to " + near.getName());
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
