package dev.tailgate.pipeline.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.ManualClock;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenAuthenticatorTest {
  private final ManualClock clock = new ManualClock();

  @TempDir Path dir;

  @Test
  void acceptsTheConfiguredTokenAndNamesItByPosition() {
    BearerTokenAuthenticator auth = inline(List.of("alpha", "beta"));

    assertThat(auth.authenticate(authorization("Bearer beta")))
        .isEqualTo(new Authentication.Authenticated("token-2"));
    assertThat(auth.authenticate(authorization("bearer alpha")))
        .isEqualTo(new Authentication.Authenticated("token-1"));
  }

  @Test
  void refusesAWrongTokenAWrongSchemeAndAMissingHeader() {
    BearerTokenAuthenticator auth = inline(List.of("alpha"));

    assertThat(auth.authenticate(authorization("Bearer alphA"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(authorization("Basic alpha"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(authorization("Bearer"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(Map.of())).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(Map.of("authorization", List.of("Bearer alpha", "Bearer alpha"))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void takesACustomScheme() {
    BearerTokenAuthenticator auth =
        new BearerTokenAuthenticator(
            new BearerTokenAuthConfig("s3cret", null, null, "Token"), clock);

    assertThat(auth.authenticate(authorization("Token s3cret")))
        .isEqualTo(new Authentication.Authenticated("token-1"));
    assertThat(auth.authenticate(authorization("Bearer s3cret"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.challenge()).isEqualTo("Token");
  }

  @Test
  void picksUpARotatedTokenFileAfterTheCheckInterval() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "old-token\n");
    BearerTokenAuthenticator auth = fromFile(file);
    assertThat(auth.authenticate(authorization("Bearer old-token")))
        .isInstanceOf(Authentication.Authenticated.class);

    Files.writeString(file, "new-token\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

    // Not looked at again before the interval is over: the old token still holds.
    assertThat(auth.authenticate(authorization("Bearer old-token")))
        .isInstanceOf(Authentication.Authenticated.class);
    clock.advance(BearerTokenAuthenticator.FILE_CHECK_INTERVAL.plus(Duration.ofMillis(1)));
    assertThat(auth.authenticate(authorization("Bearer new-token")))
        .isEqualTo(new Authentication.Authenticated("token-1"));
    assertThat(auth.authenticate(authorization("Bearer old-token")))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void keepsTheLastTokensWhileTheFileIsMissingMidRotation() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "kept\n");
    BearerTokenAuthenticator auth = fromFile(file);

    Files.delete(file);
    clock.advance(Duration.ofMinutes(1));

    assertThat(auth.authenticate(authorization("Bearer kept")))
        .isInstanceOf(Authentication.Authenticated.class);
  }

  @Test
  void failsAtStartWhenTheTokenFileIsMissing() {
    assertThatThrownBy(() -> fromFile(dir.resolve("absent")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void configNeedsExactlyOneTokenSource() {
    ConfigErrors errors = new ConfigErrors().at("extensions.bearertokenauth");
    new BearerTokenAuthConfig("a", List.of("b"), null, null).validate(errors);
    new BearerTokenAuthConfig(null, null, null, "Two words").validate(errors);

    assertThat(errors.problems())
        .containsExactly(
            "extensions.bearertokenauth: set exactly one of token, tokens and filename",
            "extensions.bearertokenauth: set exactly one of token, tokens and filename",
            "extensions.bearertokenauth.scheme: must be one word, got \"Two words\"");
  }

  private BearerTokenAuthenticator inline(List<String> tokens) {
    return new BearerTokenAuthenticator(new BearerTokenAuthConfig(null, tokens, null, null), clock);
  }

  private BearerTokenAuthenticator fromFile(Path file) {
    return new BearerTokenAuthenticator(
        new BearerTokenAuthConfig(null, null, file.toString(), null), clock);
  }

  static Map<String, List<String>> authorization(String value) {
    return Map.of("authorization", List.of(value));
  }
}
