package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/** {@code and}: keeps a trace when every policy of {@code and_sub_policy} keeps it. */
public record AndConfig(@JsonProperty("and_sub_policy") List<PolicyConfig> andSubPolicy)
    implements Validatable {
  public AndConfig {
    andSubPolicy = andSubPolicy == null ? List.of() : andSubPolicy;
  }

  @Override
  public void validate(ConfigErrors errors) {
    PolicyConfigs.validate(andSubPolicy, errors.at("and_sub_policy"));
  }
}
