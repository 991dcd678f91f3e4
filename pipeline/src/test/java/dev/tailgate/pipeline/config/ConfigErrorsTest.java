package dev.tailgate.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigErrorsTest {
  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void viewsJoinKeysWithDotsAndIndexesWithout() {
    ConfigErrors policies = errors.at("processors.tail_sampling").at("policies");

    policies.add("[2].latency.threshold_ms", "must be > 0");
    policies.add("", "must not be empty");
    errors.add("", "at the root");

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.policies[2].latency.threshold_ms: must be > 0",
            "processors.tail_sampling.policies: must not be empty",
            "at the root");
  }

  @Test
  void checkRecordsOnlyWhatFails() {
    errors.check(true, "a", "fine");
    errors.check(false, "b", "must be > 0");

    assertThat(errors.problems()).containsExactly("b: must be > 0");
  }

  @Test
  void throwsEveryProblemAtOnce() {
    errors.add("a", "one");
    errors.add("b", "two");

    assertThatThrownBy(errors::throwIfAny)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).containsExactly("a: one", "b: two"))
        .hasMessage("a: one\nb: two");
  }

  @Test
  void throwsNothingWhenClean() {
    errors.throwIfAny();

    assertThat(errors.isEmpty()).isTrue();
  }
}
