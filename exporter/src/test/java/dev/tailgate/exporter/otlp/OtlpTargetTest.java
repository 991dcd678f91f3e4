package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OtlpTargetTest {

  @Test
  void parsesHostAndPort() {
    assertThat(OtlpTarget.parse("backend:4317")).isEqualTo(new OtlpTarget("backend", 4317, OtlpTarget.Scheme.NONE));
  }

  @Test
  void acceptsHttpAndHttpsSchemes() {
    assertThat(OtlpTarget.parse("http://backend:4317/"))
        .isEqualTo(new OtlpTarget("backend", 4317, OtlpTarget.Scheme.HTTP));
    assertThat(OtlpTarget.parse("https://[::1]:4317"))
        .isEqualTo(new OtlpTarget("::1", 4317, OtlpTarget.Scheme.HTTPS));
  }

  @Test
  void refusesOtherSchemesPathsAndMissingParts() {
    assertThatThrownBy(() -> OtlpTarget.parse("grpc://backend:4317")).hasMessageContaining("scheme");
    assertThatThrownBy(() -> OtlpTarget.parse("http://backend:4317/v1/traces")).hasMessageContaining("path");
    assertThatThrownBy(() -> OtlpTarget.parse(":4317")).hasMessageContaining("no host");
    assertThatThrownBy(() -> OtlpTarget.parse("backend")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> OtlpTarget.parse("backend:0")).hasMessageContaining("port");
  }
}
