package dev.tailgate.pipeline.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.auth.HeadersSetterConfig.Header;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersSetterTest {

  private static ClientAuthenticator setter(Header... headers) {
    return new HeadersSetterExtensionFactory()
        .create(new HeadersSetterConfig(List.of(headers)), null);
  }

  @Test
  void setsTheTenantFromContext() {
    ClientAuthenticator setter = setter(new Header("X-Scope-OrgID", null, "tenant", null, null));

    assertThat(setter.headers(Map.of("x-api", "k"), "team-a"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("x-api", "k", "X-Scope-OrgID", "team-a"));
  }

  @Test
  void leavesTheHeaderOutWithoutTenantUnlessADefaultIsGiven() {
    assertThat(
            setter(new Header("X-Scope-OrgID", null, "tenant", null, null)).headers(Map.of(), ""))
        .isEmpty();
    assertThat(
            setter(new Header("X-Scope-OrgID", null, "subject", "anonymous", null))
                .headers(Map.of(), ""))
        .containsExactly(Map.entry("X-Scope-OrgID", "anonymous"));
  }

  @Test
  void insertKeepsAnExporterHeaderWhileUpdateReplacesItWhateverItsCase() {
    Map<String, String> configured = Map.of("x-scope-orgid", "fixed");

    assertThat(
            setter(new Header("X-Scope-OrgID", null, "tenant", null, "insert"))
                .headers(configured, "a"))
        .containsExactly(Map.entry("x-scope-orgid", "fixed"));
    assertThat(
            setter(new Header("X-Scope-OrgID", null, "tenant", null, "update"))
                .headers(configured, "a"))
        .containsExactly(Map.entry("X-Scope-OrgID", "a"));
    assertThat(
            setter(new Header("X-Other", null, "tenant", null, "update")).headers(configured, "a"))
        .containsExactly(Map.entry("x-scope-orgid", "fixed"));
  }

  @Test
  void deleteRemovesAnExporterHeaderAndValueSetsAFixedOne() {
    ClientAuthenticator setter =
        setter(
            new Header("X-Drop", null, null, null, "delete"),
            new Header("X-Env", "prod", null, null, null));

    assertThat(setter.headers(Map.of("X-Drop", "1"), "a"))
        .containsExactly(Map.entry("X-Env", "prod"));
  }

  @Test
  void sendsAnIdentityThatIsNotPrintableAsciiPercentEncoded() {
    ClientAuthenticator setter = setter(new Header("X-Scope-OrgID", null, "tenant", null, null));

    assertThat(setter.headers(Map.of(), "équipe 50%\n"))
        .containsEntry("X-Scope-OrgID", "%C3%A9quipe 50%25%0A");
  }

  @Test
  void configProblemsNameTheirKey() {
    ConfigErrors errors = new ConfigErrors();
    new HeadersSetterConfig(
            List.of(
                new Header(null, "v", null, null, null),
                new Header("X-A", "v", "tenant", null, null),
                new Header("X-B", null, "x-tenant-header", null, null),
                new Header("X-C", "v", null, null, "replace")))
        .validate(errors);

    assertThat(errors.problems())
        .containsExactly(
            "headers[0].key: is required",
            "headers[1]: set exactly one of value and from_context",
            "headers[2].from_context: \"x-tenant-header\" is not carried with the data; use tenant"
                + " (or subject): the identity the receiver's authenticator established",
            "headers[3].action: must be insert, update, upsert or delete, got \"replace\"");
  }
}
