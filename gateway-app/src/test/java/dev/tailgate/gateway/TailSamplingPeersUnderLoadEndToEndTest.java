package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.CpuBurner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The peers test again while other processes keep every core busy (issue 11: three peers on a busy
 * 2-core machine once delivered 70 of 90 spans of the kept traces, because spans arriving after
 * their trace's decision started a new trace). Each kept trace must still reach the backend
 * complete and once, before and after a peer stops: the inherited test asserts exactly that.
 */
class TailSamplingPeersUnderLoadEndToEndTest extends TailSamplingPeersEndToEndTest {
  CpuBurner load;

  @BeforeEach
  void loadEveryCore() throws Exception {
    load = CpuBurner.onEveryCore();
    assertThat(load.running())
        .as("a busy loop on each of the %s cores", load.size())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @AfterEach
  void stopTheLoad() {
    try {
      assertThat(load.running()).as("the load stayed on for the whole test").isEqualTo(load.size());
    } finally {
      load.close();
    }
  }
}
