package dev.tailgate.processor.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuePatternTest {
  private static final Replacement MASK = new Replacement.FixedMask("****");

  private static String mask(ValuePattern pattern, String text) {
    return new ValueMasker(List.of(), List.of(pattern), MASK).mask(text);
  }

  private static String maskAll(String text) {
    return new ValueMasker(List.of(), List.of(ValuePattern.values()), MASK).mask(text);
  }

  @Test
  void masksALuhnValidCardNumberPlainOrGrouped() {
    assertThat(mask(ValuePattern.CREDIT_CARD, "card 4111111111111111 charged"))
        .isEqualTo("card **** charged");
    assertThat(mask(ValuePattern.CREDIT_CARD, "4111 1111 1111 1111")).isEqualTo("****");
    assertThat(mask(ValuePattern.CREDIT_CARD, "5500-0000-0000-0004")).isEqualTo("****");
    assertThat(mask(ValuePattern.CREDIT_CARD, "amex 378282246310005")).isEqualTo("amex ****");
  }

  @Test
  void leavesASixteenDigitNumberThatFailsLuhn() {
    String text = "order 4111111111111112";

    assertThat(mask(ValuePattern.CREDIT_CARD, text)).isSameAs(text);
  }

  @Test
  void findsAValidCardRightAfterAnInvalidDigitRun() {
    assertThat(mask(ValuePattern.CREDIT_CARD, "2 4111111111111111")).isEqualTo("2 ****");
  }

  @Test
  void leavesTimestampsAndLongIdsThatStartOutsideTheCardRanges() {
    String text = "at 1717200000000000000 id 9999999999999995";

    assertThat(mask(ValuePattern.CREDIT_CARD, text)).isSameAs(text);
  }

  @Test
  void masksEmailAddresses() {
    assertThat(mask(ValuePattern.EMAIL, "from ada.lovelace+x@mail.example.org, cc bob@ex.io"))
        .isEqualTo("from ****, cc ****");
  }

  @Test
  void masksTheCredentialAfterBearerButKeepsTheScheme() {
    assertThat(mask(ValuePattern.BEARER_TOKEN, "Authorization: Bearer abc123DEF456ghi789=="))
        .isEqualTo("Authorization: Bearer ****");
    assertThat(mask(ValuePattern.BEARER_TOKEN, "bearer  0123456789abcdef"))
        .isEqualTo("bearer  ****");
  }

  @Test
  void masksJwtsAnywhere() {
    String jwt =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    assertThat(mask(ValuePattern.BEARER_TOKEN, "token=" + jwt + "; path=/"))
        .isEqualTo("token=****; path=/");
  }

  @Test
  void leavesABearerChallengeWithoutACredential() {
    String text = "WWW-Authenticate: Bearer realm";

    assertThat(mask(ValuePattern.BEARER_TOKEN, text)).isSameAs(text);
  }

  @Test
  void masksAwsAccessKeyIds() {
    assertThat(mask(ValuePattern.AWS_ACCESS_KEY, "key=AKIAIOSFODNN7EXAMPLE")).isEqualTo("key=****");
    assertThat(mask(ValuePattern.AWS_ACCESS_KEY, "ASIAY34FZKBOKMUTVV7A used"))
        .isEqualTo("**** used");
  }

  @Test
  void leavesAwsLookalikesOfTheWrongLength() {
    String text = "AKIAIOSFODNN7EXAMPLEX AKIA1234";

    assertThat(mask(ValuePattern.AWS_ACCESS_KEY, text)).isSameAs(text);
  }

  @Test
  void masksIpv4Addresses() {
    assertThat(mask(ValuePattern.IPV4, "client 192.168.0.17:8080 via 10.0.0.1"))
        .isEqualTo("client ****:8080 via ****");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3.4.5", "version 999.1.1.1", "10.0.0.256", "1.4.12"})
  void leavesDottedNumbersThatAreNotAddresses(String text) {
    assertThat(mask(ValuePattern.IPV4, text)).isSameAs(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET", "/api/orders/{id}", "/api/orders/482913", "orders.internal",
        "Mozilla/5.0 (X11; Linux x86_64) bench/3", "cust-5f3a9c2e1b7d4a60", "production", "1.4.12"
      })
  void leavesTypicalTelemetryValuesAsTheSameInstance(String text) {
    assertThat(maskAll(text)).isSameAs(text);
  }

  @Test
  void masksSeveralKindsInOneText() {
    assertThat(maskAll("ada@example.org paid with 4111111111111111 from 10.0.0.1"))
        .isEqualTo("**** paid with **** from ****");
  }

  @Test
  void userBlockedValuesWithBackReferencesStillWork() {
    var masker = new ValueMasker(List.of("(ab)\\1", "x+y"), List.of(), MASK);

    assertThat(masker.mask("ababcxxy")).isEqualTo("****c****");
  }

  @Test
  void aUserRegexThatCannotBeJoinedIsAppliedAlone() {
    var masker = new ValueMasker(List.of("\\Qa.b", "c"), List.of(), MASK);

    assertThat(masker.mask("a.b c axb")).isEqualTo("**** **** axb");
  }

  @Test
  void masksAnEmailLikeValueOfThousandsOfLabelsWithoutOverflowingTheStack() {
    String huge = "a@b" + ".c".repeat(6000);

    assertThat(mask(ValuePattern.EMAIL, "x " + huge + " y")).isEqualTo("x **** y");
  }

  @Test
  void findsTheEmailsTheRegexFinds() {
    java.util.regex.Pattern regex = java.util.regex.Pattern.compile(ValuePattern.EMAIL.regex());
    java.util.Random random = new java.util.Random(11);
    String alphabet = "ab.-_%+@@..x9 ";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String byRegex = new RegexPass(regex).apply(text.toString(), MASK);
      assertThat(new EmailPass().apply(text.toString(), MASK))
          .as(text.toString())
          .isEqualTo(byRegex);
    }
  }

  @Test
  void aUserRegexThatWouldOverflowTheStackMasksTheWholeValue() {
    TextPass pass = new RegexPass(java.util.regex.Pattern.compile("(a|b|\\.|c|@)+x"));

    assertThat(pass.apply("a@b" + ".c".repeat(6000), MASK)).isEqualTo("****");
  }
}
