package dev.tailgate.pipeline.auth;

import static dev.tailgate.pipeline.auth.BearerTokenAuthenticatorTest.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicAuthenticatorTest {
  // htpasswd -nbs alice wonderland
  private static final String ALICE = "alice:{SHA}tiY7sUhYKUwI5L3866kDY+ENcrQ=";
  // htpasswd -nbs bob builder
  private static final String BOB = "bob:{SHA}9SMYoF5RilWWASry7TjeaKwmpGg=";

  @TempDir Path dir;

  @Test
  void acceptsAShaEntryWithItsPasswordAndNamesTheUser() {
    BasicAuthenticator auth = inline(ALICE + "\n" + BOB);

    assertThat(auth.authenticate(basic("alice", "wonderland")))
        .isEqualTo(new Authentication.Authenticated("alice"));
    assertThat(auth.authenticate(basic("bob", "builder")))
        .isEqualTo(new Authentication.Authenticated("bob"));
  }

  @Test
  void refusesAWrongPasswordAndAnUnknownUserAlike() {
    BasicAuthenticator auth = inline(ALICE);

    assertThat(auth.authenticate(basic("alice", "wrong"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(basic("mallory", "wonderland"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(authorization("Basic not-base64!")))
        .isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(Map.of())).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void readsTheFileAndLetsInlineUsersOverrideIt() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "# users\n" + ALICE + "\n" + "bob:{SHA}" + sha1("old") + "\n");

    BasicAuthenticator auth =
        new BasicAuthenticator(
            new BasicAuthConfig(new BasicAuthConfig.HtpasswdConfig(file.toString(), BOB)));

    assertThat(auth.authenticate(basic("alice", "wonderland")))
        .isEqualTo(new Authentication.Authenticated("alice"));
    assertThat(auth.authenticate(basic("bob", "builder")))
        .isEqualTo(new Authentication.Authenticated("bob"));
    assertThat(auth.authenticate(basic("bob", "old"))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void acceptsBcryptEntriesOfEveryHtpasswdVariant() {
    String carol =
        "carol:" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "secret".toCharArray());
    String dave =
        "dave:" + BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "hunter2".toCharArray());
    BasicAuthenticator auth = inline(ALICE + "\n" + carol + "\n" + dave);

    assertThat(auth.authenticate(basic("carol", "secret")))
        .isEqualTo(new Authentication.Authenticated("carol"));
    assertThat(auth.authenticate(basic("dave", "hunter2")))
        .isEqualTo(new Authentication.Authenticated("dave"));
    assertThat(auth.authenticate(basic("carol", "hunter2"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(basic("mallory", "secret"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(basic("alice", "wonderland")))
        .isEqualTo(new Authentication.Authenticated("alice"));
  }

  @Test
  void refusesOtherHashesNamingTheLineButNotTheHash() {
    assertThatThrownBy(() -> inline(ALICE + "\nerin:$apr1$salt$hashhashhash\ndave:plaintext"))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "htpasswd.inline: line 2: unsupported hash for \"erin\"; use bcrypt"
                            + " (htpasswd -B) or {SHA} (htpasswd -s)",
                        "htpasswd.inline: line 3: unsupported hash for \"dave\"; use bcrypt"
                            + " (htpasswd -B) or {SHA} (htpasswd -s)"))
        .hasMessageNotContaining("plaintext")
        .hasMessageNotContaining("hashhash");
  }

  @Test
  void configNeedsAnHtpasswdSource() {
    ConfigErrors errors = new ConfigErrors().at("extensions.basicauth/users");
    new BasicAuthConfig(null).validate(errors);
    new BasicAuthConfig(new BasicAuthConfig.HtpasswdConfig(null, "nocolon")).validate(errors);

    assertThat(errors.problems())
        .containsExactly(
            "extensions.basicauth/users.htpasswd: set file, inline or both",
            "extensions.basicauth/users.htpasswd.inline: line 1: expected user:hash");
  }

  private static BasicAuthenticator inline(String text) {
    return new BasicAuthenticator(
        new BasicAuthConfig(new BasicAuthConfig.HtpasswdConfig(null, text)));
  }

  private static Map<String, java.util.List<String>> basic(String user, String password) {
    String pair = user + ":" + password;
    return authorization(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sha1(String password) throws Exception {
    return Base64.getEncoder()
        .encodeToString(
            java.security.MessageDigest.getInstance("SHA-1")
                .digest(password.getBytes(StandardCharsets.UTF_8)));
  }
}
