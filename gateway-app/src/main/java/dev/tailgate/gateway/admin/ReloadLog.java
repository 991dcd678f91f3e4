package dev.tailgate.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which config the gateway runs and what the last reload did, for the status page: the version is
 * the start of the SHA-256 of the config file's text (after {@code ${VAR}} substitution), so an
 * operator can tell whether the ConfigMap they edited is the one running.
 */
public final class ReloadLog {
  private final Clock clock;
  private volatile String runningVersion;
  private volatile Entry last;

  /**
   * One reload: when, what triggered it ({@code file_change}, {@code admin_task}), and its lines.
   */
  public record Entry(
      Instant at, String trigger, boolean applied, String configVersion, List<String> lines) {
    public Entry {
      lines = List.copyOf(lines);
    }
  }

  /** {@code startupVersion}: the version of the file the gateway started with, or "unknown". */
  public ReloadLog(String startupVersion, Clock clock) {
    this.runningVersion = startupVersion;
    this.clock = clock;
  }

  /** The first 12 hex digits of the SHA-256 of {@code text}. */
  public static String versionOf(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  void record(String trigger, boolean applied, String configVersion, List<String> lines) {
    last = new Entry(clock.instant(), trigger, applied, configVersion, lines);
    if (applied) {
      runningVersion = configVersion;
    }
  }

  /** The version of the config last applied, at start or by a reload. */
  public String runningVersion() {
    return runningVersion;
  }

  public Optional<Entry> last() {
    return Optional.ofNullable(last);
  }
}
