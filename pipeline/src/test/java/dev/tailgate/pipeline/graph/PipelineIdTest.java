package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Signal;
import org.junit.jupiter.api.Test;

class PipelineIdTest {

  @Test
  void parsesASignalAlone() {
    PipelineId id = PipelineId.parse("metrics");

    assertThat(id).isEqualTo(new PipelineId(Signal.METRICS, ""));
    assertThat(id).hasToString("metrics");
  }

  @Test
  void parsesSignalSlashName() {
    PipelineId id = PipelineId.parse("traces/sampled");

    assertThat(id.signal()).isSameAs(Signal.TRACES);
    assertThat(id.name()).isEqualTo("sampled");
    assertThat(id).hasToString("traces/sampled");
  }

  @Test
  void refusesAnUnknownSignal() {
    assertThatThrownBy(() -> PipelineId.parse("spans/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown signal \"spans\" (expected traces, metrics or logs)");
  }

  @Test
  void refusesAnEmptyNameAfterTheSlash() {
    assertThatThrownBy(() -> PipelineId.parse("logs/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"logs/\" has an empty name after '/'");
  }
}
