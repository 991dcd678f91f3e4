package dev.tailgate.pipeline.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extensions.oidcauth} as config.yml gives it: the Collector's keys, checked with their
 * paths.
 */
class OidcAuthConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PATH = "extensions.oidcauth";

  private final ConfigErrors errors = new ConfigErrors();

  @TempDir Path dir;

  @Test
  void bindsTheCollectorsKeysWithSubAsTheDefaultUsernameClaim() throws Exception {
    Path ca = TestCertificates.authority(dir, "issuer").caFile();
    Optional<OidcAuthConfig> full =
        bind(
            """
            issuer_url: https://login.example.com/realms/ops
            audience: tailgate
            issuer_ca_path: %s
            jwks_url: https://login.example.com/realms/ops/protocol/openid-connect/certs
            username_claim: azp
            groups_claim: groups
            """
                .formatted(ca));
    Optional<OidcAuthConfig> minimal =
        bind("{ issuer_url: 'https://login.example.com', audience: tailgate }");

    assertThat(errors.problems()).isEmpty();
    assertThat(full)
        .contains(
            new OidcAuthConfig(
                "https://login.example.com/realms/ops",
                "tailgate",
                false,
                ca.toString(),
                "https://login.example.com/realms/ops/protocol/openid-connect/certs",
                "azp",
                "groups"));
    assertThat(minimal)
        .hasValueSatisfying(
            c -> {
              assertThat(c.usernameClaim()).isEqualTo("sub");
              assertThat(c.groupsClaim()).isNull();
              assertThat(c.ignoreAudience()).isFalse();
              assertThat(c.jwksUrl()).isNull();
            });
  }

  @Test
  void needsTheIssuerUrl() {
    bind("{ audience: tailgate }");

    assertThat(errors.problems())
        .containsExactly(
            PATH
                + ".issuer_url: is required: the issuer's URL, exactly as its tokens' iss claim has"
                + " it");
  }

  @Test
  void needsTheAudienceUnlessIgnoreAudienceIsTrue() {
    bind("{ issuer_url: 'https://login.example.com' }");
    bind("{ issuer_url: 'https://login.example.com', audience: '' }");
    Optional<OidcAuthConfig> ignoring =
        bind("{ issuer_url: 'https://login.example.com', ignore_audience: true }");

    assertThat(errors.problems())
        .containsExactly(
            PATH
                + ".audience: is required (the client id the tokens are issued for), unless"
                + " ignore_audience is true",
            PATH + ".audience: must not be empty");
    assertThat(ignoring).hasValueSatisfying(c -> assertThat(c.ignoreAudience()).isTrue());
  }

  @Test
  void refusesUrlsThatAreNotHttpOrHttpsNamingTheirKey() {
    bind("{ issuer_url: 'login.example.com', audience: a }");
    bind("{ issuer_url: 'https://login.example.com?tenant=1', audience: a }");
    bind("{ issuer_url: 'https:///path', audience: a }");
    bind(
        "{ issuer_url: 'https://login.example.com', audience: a, jwks_url: 'file:///etc/keys.json'"
            + " }");
    bind(
        "{ issuer_url: 'https://login.example.com', audience: a, jwks_url:"
            + " 'https://login.example.com/keys?v=2' }");

    assertThat(errors.problems())
        .containsExactly(
            PATH + ".issuer_url: must be an https:// (or http://) URL, got \"login.example.com\"",
            PATH
                + ".issuer_url: must not have a query or fragment:"
                + " \"https://login.example.com?tenant=1\"",
            PATH + ".issuer_url: has no host: \"https:///path\"",
            PATH
                + ".jwks_url: must be an https:// (or http://) URL, got \"file:///etc/keys.json\"");
  }

  @Test
  void checksTheIssuerCaFileAndTheClaimNames() {
    Path missing = dir.resolve("absent.pem");
    bind(
        "{ issuer_url: 'https://login.example.com', audience: a, issuer_ca_path: '%s', username_claim: '', groups_claim: ' ' }"
            .formatted(missing));

    assertThat(errors.problems())
        .containsExactly(
            PATH + ".issuer_ca_path: file not found: " + missing,
            PATH + ".username_claim: must not be empty",
            PATH + ".groups_claim: must not be empty");
  }

  @Test
  void checkRefusesAnIssuerCaFileThatIsNotPem() throws Exception {
    // The authenticator parses it when it is created; the server would stop there.
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    bind(
        "{ issuer_url: 'https://login.example.com', audience: a, issuer_ca_path: '%s' }"
            .formatted(notPem));

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(PATH + ".issuer_ca_path: ")
        .containsAnyOf("holds no PEM certificate", "is not a PEM certificate");
  }

  @Test
  void refusesAnUnknownKeyNamingIt() {
    bind("{ issuer_url: 'https://login.example.com', audience: a, client_id: a }");

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(PATH + ".client_id: unknown key \"client_id\"")
        .contains("issuer_url", "username_claim", "groups_claim");
  }

  @Test
  void theFactoryIsNamedOidcauthAndBindsThisConfig() {
    OidcAuthExtensionFactory factory = new OidcAuthExtensionFactory();

    assertThat(factory.type()).isEqualTo("oidcauth");
    assertThat(factory.configType()).isEqualTo(OidcAuthConfig.class);
  }

  private Optional<OidcAuthConfig> bind(String yaml) {
    try {
      return new ConfigBinder().bind(YAML.readTree(yaml), OidcAuthConfig.class, PATH, errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
