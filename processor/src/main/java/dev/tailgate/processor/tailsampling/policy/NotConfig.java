package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/** {@code not}: keeps a trace when {@code not_sub_policy} does not, and the other way round. */
public record NotConfig(@JsonProperty("not_sub_policy") PolicyConfig notSubPolicy)
    implements Validatable {
  @Override
  public void validate(ConfigErrors errors) {
    if (notSubPolicy == null) {
      errors.add("not_sub_policy", "required: one policy (name, type, settings)");
      return;
    }
    notSubPolicy.validate(errors.at("not_sub_policy"));
  }
}
