package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Binds {@code policies:} YAML as the processor's config does, with the real binder. */
final class PolicyYaml {
  static final String PATH = "processors.tail_sampling";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private PolicyYaml() {}

  /**
   * Stands for the processor's config: a {@code policies} list validated with {@link
   * PolicyConfigs}.
   */
  record Policies(@JsonProperty("policies") List<PolicyConfig> policies) implements Validatable {
    @Override
    public void validate(ConfigErrors errors) {
      PolicyConfigs.validate(policies, errors.at("policies"));
    }
  }

  /** The bound policies, or null when binding or validation recorded problems in {@code errors}. */
  static List<PolicyConfig> bind(String yaml, ConfigErrors errors) {
    try {
      return new ConfigBinder()
          .bind(YAML.readTree(yaml), Policies.class, PATH, errors)
          .map(Policies::policies)
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Binds valid YAML, failing the test with the problems otherwise. */
  static List<PolicyConfig> bindValid(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    List<PolicyConfig> policies = bind(yaml, errors);
    errors.throwIfAny();
    return policies;
  }
}
