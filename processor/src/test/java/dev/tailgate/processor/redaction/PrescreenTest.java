package dev.tailgate.processor.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrescreenTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111",
        "x 4111 1111-1111 1111",
        "a4111111111111",
        "ends with 4111111111111",
        "some words first and then 1234567890123 in the middle of a long line"
      })
  void findsEveryStretchOfThirteenDigitsWhereverItStarts(String text) {
    assertThat(Prescreen.hasCardLikeRun(text)).isTrue();
  }

  @Test
  void findsARunStartingAtEveryOffset() {
    for (int offset = 0; offset < 40; offset++) {
      String text = "x".repeat(offset) + "4111111111111111" + "y".repeat(7);
      assertThat(Prescreen.hasCardLikeRun(text)).as("offset " + offset).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cust-5151791c826e623c",
        "/api/orders/482913",
        "123456789012",
        "12345 6789 x 012345"
      })
  void passesOverTextsWithoutThirteenDigitsTogether(String text) {
    assertThat(Prescreen.hasCardLikeRun(text)).isFalse();
  }

  @Test
  void wantsThreeDotsBetweenDigitsForAnAddress() {
    assertThat(Prescreen.hasDigitDotDigits("from 10.0.0.1:80")).isTrue();
    assertThat(Prescreen.hasDigitDotDigits("Mozilla/5.0 v1.4.12 orders.internal")).isFalse();
    assertThat(Prescreen.hasDigitDotDigits("1.2.3 and 4.5.6")).isFalse();
    assertThat(Prescreen.hasDigitDotDigits("v1.2.3.4")).isTrue();
  }

  @Test
  void lookForTheMarkersOfEmailsTokensAndKeys() {
    assertThat(Prescreen.mayContain(ValuePattern.EMAIL, "a@b.c")).isTrue();
    assertThat(Prescreen.mayContain(ValuePattern.BEARER_TOKEN, "BEARER x")).isTrue();
    assertThat(Prescreen.mayContain(ValuePattern.BEARER_TOKEN, "t=eyJhbGc")).isTrue();
    assertThat(Prescreen.mayContain(ValuePattern.AWS_ACCESS_KEY, "k=ASIA...")).isTrue();
    for (ValuePattern pattern : ValuePattern.values()) {
      assertThat(Prescreen.mayContain(pattern, "GET /api/orders/{id} orders.internal"))
          .as(pattern.configName())
          .isFalse();
    }
  }

  @Test
  void neverMissesARealMatchWhereverItLiesAmongOtherBytes() {
    java.util.Random random = new java.util.Random(7);
    String alphabet = "abcdeyJIKSAB@. -0123456789é/_=xyz";
    String[] secrets = {
      "4111 1111 1111 1111", "ops@example.org", "Bearer abcdefgh12345", "BEARER abcdefgh12345",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE",
          "10.20.30.40"
    };
    ValuePattern[] patterns = {
      ValuePattern.CREDIT_CARD, ValuePattern.EMAIL, ValuePattern.BEARER_TOKEN,
          ValuePattern.BEARER_TOKEN,
      ValuePattern.BEARER_TOKEN, ValuePattern.AWS_ACCESS_KEY, ValuePattern.AWS_ACCESS_KEY,
          ValuePattern.IPV4
    };
    for (int round = 0; round < 2000; round++) {
      int which = random.nextInt(secrets.length);
      String text =
          noise(random, alphabet, random.nextInt(20))
              + " "
              + secrets[which]
              + " "
              + noise(random, alphabet, random.nextInt(20));
      byte[] bytes = ("##" + text + "##").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int all = -1;
      assertThat(
              Prescreen.candidates(bytes, 2, bytes.length - 4, all)
                  & Prescreen.bit(patterns[which]))
          .as(text)
          .isNotZero();
    }
  }

  private static String noise(java.util.Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
