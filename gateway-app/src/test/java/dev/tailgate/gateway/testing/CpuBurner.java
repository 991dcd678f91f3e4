package dev.tailgate.gateway.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Other processes that keep every core busy, as a noisy neighbour on a loaded node would: one shell
 * busy loop per core, outside the test's JVM so that the gateway's threads compete with them in the
 * OS scheduler rather than inside the JVM. Each loop ends by itself after {@code timeout} seconds,
 * so a test JVM that dies leaves nothing spinning.
 */
public final class CpuBurner implements AutoCloseable {
  private static final long SELF_LIMIT_SECONDS = 900;

  private final List<Process> loops = new ArrayList<>();

  private CpuBurner() {}

  /** Starts one busy loop per core the JVM sees. */
  public static CpuBurner onEveryCore() throws IOException {
    CpuBurner burner = new CpuBurner();
    int cores = Runtime.getRuntime().availableProcessors();
    try {
      for (int i = 0; i < cores; i++) {
        burner.loops.add(
            new ProcessBuilder(
                    "timeout", Long.toString(SELF_LIMIT_SECONDS), "sh", "-c", "while :; do :; done")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
    } catch (IOException e) {
      burner.close();
      throw e;
    }
    return burner;
  }

  /** How many loops are still running: all of them while the load is meant to be on. */
  public long running() {
    return loops.stream().filter(Process::isAlive).count();
  }

  public int size() {
    return loops.size();
  }

  @Override
  public void close() {
    for (Process loop : loops) {
      loop.descendants().forEach(ProcessHandle::destroyForcibly);
      loop.destroyForcibly();
    }
    for (Process loop : loops) {
      try {
        loop.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
