package dev.tailgate.gateway.admin;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the sampling policies when the config file changes. It compares the file's content, read
 * through its path, at every interval rather than watching directory events: Kubernetes updates a
 * mounted ConfigMap by swapping a symlink two levels up, which file-system events on the file's
 * directory report unreliably, while the content read through the path always tells. An invalid
 * file keeps the running config; its problems are logged with their paths and counted.
 */
public final class ConfigFileWatcher implements Managed {
  private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);

  private final Path file;
  private final Duration interval;
  private final ConfigReloader reloader;
  private final Counter applied;
  private final Counter refused;
  private ScheduledExecutorService timer;
  private byte[] lastDigest;

  public ConfigFileWatcher(
      Path file, Duration interval, ConfigReloader reloader, MeterRegistry meters) {
    this.file = file;
    this.interval = interval;
    this.reloader = reloader;
    this.applied =
        meters.counter("tailgate.config.reloads", "trigger", "file_change", "result", "applied");
    this.refused =
        meters.counter("tailgate.config.reloads", "trigger", "file_change", "result", "refused");
  }

  @Override
  public void start() {
    lastDigest = digestOrNull();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "config-file-watcher");
              thread.setDaemon(true);
              return thread;
            });
    long every = interval.toNanos();
    timer.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.NANOSECONDS);
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void checkSafely() {
    try {
      check();
    } catch (Throwable e) {
      // Anything thrown would cancel the schedule, and with it every later reload.
      log.error("watching {} failed", file, e);
    }
  }

  /**
   * Reloads when the content differs from the last one seen; public for tests on their own clock.
   */
  public synchronized void check() {
    byte[] digest = digestOrNull();
    if (digest == null || Arrays.equals(digest, lastDigest)) {
      return;
    }
    lastDigest = digest;
    ConfigReloader.Result result = reloader.reload("file_change");
    if (result.applied()) {
      applied.increment();
      log.info("{} changed: {}", file, String.join("; ", result.lines()));
    } else {
      refused.increment();
      log.error(
          "{} changed but is not valid; the running config stays:\n{}",
          file,
          String.join("\n", result.lines()));
    }
  }

  /** Null while the file cannot be read (mid-swap, say): the next check tries again. */
  private byte[] digestOrNull() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
