package dev.tailgate.pipeline.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.ConfigErrors;
import org.junit.jupiter.api.Test;

class MemoryConfigTest {
  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void checkRefusesALimitWhoseBytesOverflow() {
    // limit_mib * 1 MiB would wrap to a negative budget, which the gateway could not create.
    new MemoryConfig(MemoryConfig.MAX_LIMIT_MIB + 1, null).validate(errors.at("service.memory"));

    assertThat(errors.problems())
        .containsExactly("service.memory.limit_mib: must be at most " + MemoryConfig.MAX_LIMIT_MIB);
  }

  @Test
  void acceptsTheLargestLimitThatFitsInBytes() {
    MemoryConfig config = new MemoryConfig(MemoryConfig.MAX_LIMIT_MIB, null);

    config.validate(errors);

    assertThat(errors.problems()).isEmpty();
    assertThat(config.limitBytes(1L << 30)).isPositive();
  }
}
