package dev.tailgate.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import org.junit.jupiter.api.Test;

class DebugExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.debug");

  @Test
  void defaultsToBasicLoggingTheFirstTwoBatchesThenAll() {
    DebugExporterConfig config = yaml.bind("", DebugExporterConfig.class);

    assertThat(config).isEqualTo(new DebugExporterConfig(Verbosity.BASIC, 2, 1));
  }

  @Test
  void bindsEveryKey() {
    DebugExporterConfig config =
        yaml.bindResource(getClass(), "detailed.yaml", DebugExporterConfig.class);

    assertThat(config).isEqualTo(new DebugExporterConfig(Verbosity.DETAILED, 5, 200));
  }

  @Test
  void namesTheKeyOfAnUnknownVerbosity() {
    assertThat(yaml.problems("verbosity: loud", DebugExporterConfig.class))
        .containsExactly("exporters.debug.verbosity: \"loud\" must be basic, normal or detailed");
  }

  @Test
  void refusesSamplingCountsBelowOne() {
    assertThat(
            yaml.problems(
                "{sampling_initial: 0, sampling_thereafter: -1}", DebugExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.debug.sampling_initial: must be > 0",
            "exporters.debug.sampling_thereafter: must be > 0");
  }
}
