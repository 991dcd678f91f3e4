package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/**
 * {@code drop}: drops a trace, whatever other policies say, when every policy of {@code
 * drop_sub_policy} keeps it.
 */
public record DropConfig(@JsonProperty("drop_sub_policy") List<PolicyConfig> dropSubPolicy)
    implements Validatable {
  public DropConfig {
    dropSubPolicy = dropSubPolicy == null ? List.of() : dropSubPolicy;
  }

  @Override
  public void validate(ConfigErrors errors) {
    PolicyConfigs.validate(dropSubPolicy, errors.at("drop_sub_policy"));
  }
}
