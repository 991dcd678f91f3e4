package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentIdTest {

  @Test
  void parsesATypeAlone() {
    ComponentId id = ComponentId.parse("otlp");

    assertThat(id).isEqualTo(new ComponentId("otlp", ""));
    assertThat(id).hasToString("otlp");
  }

  @Test
  void parsesTypeSlashName() {
    ComponentId id = ComponentId.parse("tail_sampling/errors");

    assertThat(id).isEqualTo(new ComponentId("tail_sampling", "errors"));
    assertThat(id).hasToString("tail_sampling/errors");
  }

  @Test
  void theNameIsEverythingAfterTheFirstSlash() {
    assertThat(ComponentId.parse("otlp/a/b")).isEqualTo(new ComponentId("otlp", "a/b"));
  }

  @Test
  void aMissingNameIsEmpty() {
    assertThat(new ComponentId("otlp", null)).isEqualTo(ComponentId.parse("otlp"));
  }

  @Test
  void refusesAnEmptyNameAfterTheSlash() {
    assertThatThrownBy(() -> ComponentId.parse("otlp/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"otlp/\" has an empty name after '/'");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "OTLP", "2otlp", "otlp-http", "/name"})
  void refusesATypeThatIsNotLowerCaseLettersDigitsAndUnderscores(String id) {
    assertThatThrownBy(() -> ComponentId.parse(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not a component type (lower case letters, digits and _)");
  }
}
