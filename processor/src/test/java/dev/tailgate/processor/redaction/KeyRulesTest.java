package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRulesTest {

  @Test
  void decidesInTheCollectorsOrderIgnoredThenNotAllowedThenBlocked() {
    var rules =
        new KeyRules(
            config(
                "{ allowed_keys: [user.password, name], ignored_keys: [db.password],"
                    + " blocked_key_patterns: [password] }"),
            Set.of());

    assertThat(rules.decide("db.password")).isEqualTo(KeyDecision.IGNORE);
    assertThat(rules.decide("api.password")).isEqualTo(KeyDecision.REMOVE);
    assertThat(rules.decide("user.password")).isEqualTo(KeyDecision.MASK);
    assertThat(rules.decide("name")).isEqualTo(KeyDecision.SCAN);
  }

  @Test
  void alwaysAllowsTheGivenKeysEvenWhenFailingClosed() {
    var rules = new KeyRules(RedactionConfig.defaults(), Set.of("redaction.masked.count"));

    assertThat(rules.decide("redaction.masked.count")).isEqualTo(KeyDecision.SCAN);
    assertThat(rules.decide("anything")).isEqualTo(KeyDecision.REMOVE);
  }

  @Test
  void remembersBlockedKeyDecisionsOnlyUpToTheBound() {
    var rules =
        new KeyRules(config("{ allow_all_keys: true, blocked_key_patterns: [secret] }"), Set.of());

    for (int i = 0; i < KeyRules.CACHE_LIMIT + 100; i++) {
      assertThat(rules.decide("key." + i)).isEqualTo(KeyDecision.SCAN);
    }
    assertThat(rules.decide("my.secret")).isEqualTo(KeyDecision.MASK);
    assertThat(rules.rememberedCount()).isEqualTo(KeyRules.CACHE_LIMIT);
  }
}
