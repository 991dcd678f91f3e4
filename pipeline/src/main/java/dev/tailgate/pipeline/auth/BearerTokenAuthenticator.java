package dev.tailgate.pipeline.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bearertokenauth}: accepts {@code Authorization: <scheme> <token>} for a configured token.
 * A token file is re-read when its modification time changes, looked at no more often than every
 * {@link #FILE_CHECK_INTERVAL} so a busy receiver does not stat the file on every request.
 */
public final class BearerTokenAuthenticator implements ServerAuthenticator {
  static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenAuthenticator.class);

  private final String scheme;
  private final Path file;
  private final Clock clock;
  private volatile TokenSet tokens;
  private FileTime loadedModified;
  private Instant nextCheck;

  /**
   * @throws UncheckedIOException when the token file cannot be read at start
   */
  public BearerTokenAuthenticator(BearerTokenAuthConfig config, Clock clock) {
    this.scheme = config.scheme();
    this.clock = clock;
    if (config.filename() != null) {
      this.file = Path.of(config.filename());
      this.loadedModified = modified();
      this.tokens = readFile();
      this.nextCheck = clock.instant().plus(FILE_CHECK_INTERVAL);
    } else {
      this.file = null;
      this.tokens =
          new TokenSet(config.token() != null ? List.of(config.token()) : config.tokens());
    }
  }

  @Override
  public Authentication authenticate(Map<String, List<String>> headers) {
    if (file != null) {
      refreshIfDue();
    }
    return Headers.credential(headers, scheme)
        .flatMap(tokens::identify)
        .<Authentication>map(Authentication.Authenticated::new)
        .orElse(Authentication.REFUSED);
  }

  @Override
  public String challenge() {
    return scheme;
  }

  private synchronized void refreshIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return;
    }
    nextCheck = now.plus(FILE_CHECK_INTERVAL);
    try {
      FileTime modified = modified();
      if (!modified.equals(loadedModified)) {
        tokens = readFile();
        loadedModified = modified;
      }
    } catch (UncheckedIOException e) {
      // Mid-rotation the file may be briefly missing: keep the tokens read last and look again
      // later.
      LOG.warn("cannot re-read the bearer token file {}; keeping the tokens read before", file, e);
    }
  }

  private TokenSet readFile() {
    try {
      List<String> lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::trim)
              .filter(line -> !line.isEmpty())
              .toList();
      return new TokenSet(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bearer token file " + file, e);
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bearer token file " + file, e);
    }
  }
}
