package dev.tailgate.pipeline.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/** The config of every fake component: one optional key, which must not be blank. */
record FakeConfig(@JsonProperty("label") String label) implements Validatable {

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(label == null || !label.isBlank(), "label", "must not be blank");
  }
}
