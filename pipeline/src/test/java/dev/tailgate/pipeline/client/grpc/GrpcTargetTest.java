package dev.tailgate.pipeline.client.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GrpcTargetTest {

  @Test
  void parsesHostAndPort() {
    assertThat(GrpcTarget.parse("backend:4317"))
        .isEqualTo(new GrpcTarget("backend", 4317, GrpcTarget.Scheme.NONE));
  }

  @Test
  void acceptsHttpAndHttpsSchemes() {
    assertThat(GrpcTarget.parse("http://backend:4317/"))
        .isEqualTo(new GrpcTarget("backend", 4317, GrpcTarget.Scheme.HTTP));
    assertThat(GrpcTarget.parse("https://[::1]:4317"))
        .isEqualTo(new GrpcTarget("::1", 4317, GrpcTarget.Scheme.HTTPS));
  }

  @Test
  void refusesOtherSchemesPathsAndMissingParts() {
    assertThatThrownBy(() -> GrpcTarget.parse("grpc://backend:4317"))
        .hasMessageContaining("scheme");
    assertThatThrownBy(() -> GrpcTarget.parse("http://backend:4317/v1/traces"))
        .hasMessageContaining("path");
    assertThatThrownBy(() -> GrpcTarget.parse(":4317")).hasMessageContaining("no host");
    assertThatThrownBy(() -> GrpcTarget.parse("backend")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> GrpcTarget.parse("backend:0")).hasMessageContaining("port");
  }
}
