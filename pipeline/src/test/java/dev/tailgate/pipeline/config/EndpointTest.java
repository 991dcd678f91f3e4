package dev.tailgate.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

  @Test
  void parsesHostAndPort() {
    assertThat(Endpoint.parse("0.0.0.0:4317")).isEqualTo(new Endpoint("0.0.0.0", 4317));
    assertThat(Endpoint.parse("localhost:4318")).isEqualTo(new Endpoint("localhost", 4318));
  }

  @Test
  void aListenAddressThatIsAPathIsAUnixSocketAndOnlyParseListenMakesOne() {
    assertThat(Endpoint.parseListen("/run/otlp.sock").isUnixSocket()).isTrue();
    assertThat(Endpoint.parseListen("./otlp.sock")).hasToString("./otlp.sock");
    assertThat(Endpoint.parseListen("0.0.0.0:4317")).isEqualTo(new Endpoint("0.0.0.0", 4317));
    assertThatThrownBy(() -> Endpoint.parse("/run/otlp.sock"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesABracketedIpv6HostWithoutItsBrackets() {
    Endpoint endpoint = Endpoint.parse("[::1]:4317");

    assertThat(endpoint).isEqualTo(new Endpoint("::1", 4317));
    assertThat(endpoint).hasToString("[::1]:4317");
  }

  @Test
  void anEmptyHostMeansEveryInterface() {
    assertThat(Endpoint.parse(":4317")).isEqualTo(new Endpoint("0.0.0.0", 4317));
  }

  @Test
  void printsAsItIsWritten() {
    assertThat(Endpoint.parse("127.0.0.1:0")).hasToString("127.0.0.1:0");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"bad", "localhost:", "4317", "::1"})
  void refusesWhatIsNotHostColonPort(String text) {
    assertThatThrownBy(() -> Endpoint.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"" + text + "\"");
  }

  @Test
  void refusesANonNumericPort() {
    assertThatThrownBy(() -> Endpoint.parse("localhost:otlp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"localhost:otlp\" has no numeric port");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"localhost:65536", "localhost:-1"})
  void refusesAPortOutOfRange(String text) {
    assertThatThrownBy(() -> Endpoint.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range 0-65535");
  }
}
