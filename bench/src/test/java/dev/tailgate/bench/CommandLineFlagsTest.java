package dev.tailgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineFlagsTest {
  private static final Set<String> KNOWN = Set.of("port", "duration", "name");

  @Test
  void readsSpaceAndEqualsForms() {
    CommandLineFlags flags =
        CommandLineFlags.parse(new String[] {"--port", "4317", "--duration=1m30s"}, KNOWN);

    assertThat(flags.integer("port", 0)).isEqualTo(4317);
    assertThat(flags.duration("duration", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
    assertThat(flags.string("name", "default")).isEqualTo("default");
  }

  @Test
  void refusesUnknownFlagNamingIt() {
    assertThatThrownBy(() -> CommandLineFlags.parse(new String[] {"--prot", "grpc"}, KNOWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--prot");
  }

  @Test
  void refusesFlagWithoutValue() {
    assertThatThrownBy(() -> CommandLineFlags.parse(new String[] {"--port"}, KNOWN))
        .hasMessageContaining("--port needs a value");
  }

  @Test
  void refusesNonNumericInteger() {
    CommandLineFlags flags = CommandLineFlags.parse(new String[] {"--port", "abc"}, KNOWN);

    assertThatThrownBy(() -> flags.integer("port", 0)).hasMessageContaining("--port");
  }

  @Test
  void refusesBadDurationNamingFlag() {
    CommandLineFlags flags = CommandLineFlags.parse(new String[] {"--duration", "soon"}, KNOWN);

    assertThatThrownBy(() -> flags.duration("duration", Duration.ZERO))
        .hasMessageContaining("--duration");
  }
}
