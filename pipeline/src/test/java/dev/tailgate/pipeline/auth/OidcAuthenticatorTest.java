package dev.tailgate.pipeline.auth;

import static dev.tailgate.pipeline.auth.BearerTokenAuthenticatorTest.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oidcauth against a real issuer on loopback, with tokens signed by keys made here. */
class OidcAuthenticatorTest {
  private static final RSAKey RSA = TestIssuer.rsaKey("rsa-1");
  private static final ECKey EC = TestIssuer.ecKey("ec-1");

  private final ManualClock clock = new ManualClock();
  private TestIssuer issuer = TestIssuer.started().publish(RSA, EC);

  @TempDir Path dir;

  @AfterEach
  void stopIssuer() {
    issuer.close();
  }

  @Test
  void acceptsATokenSignedWithTheIssuersRsaKeyAndNamesTheClientBySub() {
    OidcAuthenticator auth = authenticator(config());

    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("svc-checkout").build()))))
        .isEqualTo(new Authentication.Authenticated("svc-checkout"));
    assertThat(auth.challenge()).isEqualTo("Bearer");
  }

  @Test
  void acceptsATokenSignedWithTheIssuersEcKey() {
    OidcAuthenticator auth = authenticator(config());

    assertThat(auth.authenticate(bearer(TestIssuer.sign(EC, claims("svc-ec").build()))))
        .isEqualTo(new Authentication.Authenticated("svc-ec"));
  }

  @Test
  void takesTheIdentityFromTheConfiguredUsernameClaimAndRefusesATokenWithoutIt() {
    OidcAuthenticator auth = authenticator(config("email", null));

    assertThat(
            auth.authenticate(
                bearer(TestIssuer.sign(RSA, claims("x").claim("email", "ci@example.com").build()))))
        .isEqualTo(new Authentication.Authenticated("ci@example.com"));
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("x").build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(
            auth.authenticate(bearer(TestIssuer.sign(RSA, claims("x").claim("email", 42).build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(
            auth.authenticate(bearer(TestIssuer.sign(RSA, claims("x").claim("email", "").build()))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesAnExpiredTokenPastTheMinuteOfClockSkew() {
    OidcAuthenticator auth = authenticator(config());
    Instant now = clock.instant();

    String justExpired =
        TestIssuer.sign(RSA, claims("a").expirationTime(Date.from(now.minusSeconds(30))).build());
    String longExpired =
        TestIssuer.sign(RSA, claims("a").expirationTime(Date.from(now.minusSeconds(61))).build());

    assertThat(auth.authenticate(bearer(justExpired)))
        .isInstanceOf(Authentication.Authenticated.class);
    assertThat(auth.authenticate(bearer(longExpired))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesATokenOnceTheClockPassesItsExpiry() {
    OidcAuthenticator auth = authenticator(config());
    String token = TestIssuer.sign(RSA, claims("a").build());
    assertThat(auth.authenticate(bearer(token))).isInstanceOf(Authentication.Authenticated.class);

    clock.advance(Duration.ofMinutes(5).plus(OidcAuthenticator.MAX_CLOCK_SKEW).plusSeconds(1));

    assertThat(auth.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesATokenThatIsNotYetValid() {
    OidcAuthenticator auth = authenticator(config());
    Instant now = clock.instant();

    String later =
        TestIssuer.sign(RSA, claims("a").notBeforeTime(Date.from(now.plusSeconds(120))).build());
    String withinSkew =
        TestIssuer.sign(RSA, claims("a").notBeforeTime(Date.from(now.plusSeconds(30))).build());

    assertThat(auth.authenticate(bearer(later))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(withinSkew)))
        .isInstanceOf(Authentication.Authenticated.class);
    clock.advance(Duration.ofSeconds(61));
    assertThat(auth.authenticate(bearer(later))).isInstanceOf(Authentication.Authenticated.class);
  }

  @Test
  void refusesATokenWithoutAnExpiry() {
    OidcAuthenticator auth = authenticator(config());

    String forever = TestIssuer.sign(RSA, claims("a").expirationTime(null).build());

    assertThat(auth.authenticate(bearer(forever))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    OidcAuthenticator auth = authenticator(config());

    String other = TestIssuer.sign(RSA, claims("a").issuer("https://evil.example.com").build());
    String noIssuer = TestIssuer.sign(RSA, claims("a").issuer(null).build());
    String trailingSlash = TestIssuer.sign(RSA, claims("a").issuer(issuer.url() + "/").build());

    assertThat(auth.authenticate(bearer(other))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(noIssuer))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(trailingSlash))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesATokenForAnotherAudienceOrNoneAndAcceptsOneAmongSeveral() {
    OidcAuthenticator auth = authenticator(config());

    String other = TestIssuer.sign(RSA, claims("a").audience("billing").build());
    String none = TestIssuer.sign(RSA, claims("a").audience((String) null).build());
    String several =
        TestIssuer.sign(RSA, claims("a").audience(List.of("billing", TestIssuer.AUDIENCE)).build());

    assertThat(auth.authenticate(bearer(other))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(none))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(several))).isEqualTo(new Authentication.Authenticated("a"));
  }

  @Test
  void acceptsAnyAudienceWhenTheConfigIgnoresIt() {
    OidcAuthenticator auth =
        authenticator(new OidcAuthConfig(issuer.url(), null, true, null, null, null, null));

    assertThat(
            auth.authenticate(
                bearer(TestIssuer.sign(RSA, claims("a").audience("billing").build()))))
        .isEqualTo(new Authentication.Authenticated("a"));
    assertThat(
            auth.authenticate(
                bearer(TestIssuer.sign(RSA, claims("b").audience((String) null).build()))))
        .isEqualTo(new Authentication.Authenticated("b"));
  }

  @Test
  void refusesATokenSignedByAKeyOutsideTheJwks() {
    OidcAuthenticator auth = authenticator(config());
    RSAKey stranger = TestIssuer.rsaKey("stranger");

    // Its own kid, which the issuer does not have; and the kid of a published key, forged.
    assertThat(auth.authenticate(bearer(TestIssuer.sign(stranger, claims("a").build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(
            auth.authenticate(
                bearer(TestIssuer.sign(stranger, RSA.getKeyID(), claims("a").build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(TestIssuer.sign(stranger, null, claims("a").build()))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesAnUnsignedTokenWithAlgNone() {
    OidcAuthenticator auth = authenticator(config());

    String unsigned = new PlainJWT(claims("a").build()).serialize();
    // The same, dressed up with a kid and an empty signature part.
    String signedPart = TestIssuer.sign(RSA, claims("a").build());
    String forged =
        base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "." + signedPart.split("\\.")[1] + ".";

    assertThat(auth.authenticate(bearer(unsigned))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(forged))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesHmacSignedTokensEvenKeyedWithTheIssuersPublicKey() throws Exception {
    OidcAuthenticator auth = authenticator(config());
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);

    String hs256 = hmac(secret, "rsa-1", claims("a").build());
    // The classic confusion: the public key, which anyone can fetch, as the HMAC secret.
    String confused =
        hmac(RSA.toPublicJWK().toRSAPublicKey().getEncoded(), "rsa-1", claims("a").build());

    assertThat(auth.authenticate(bearer(hs256))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(confused))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void refusesAMissingHeaderAnotherSchemeAndMalformedTokens() {
    OidcAuthenticator auth = authenticator(config());
    String token = TestIssuer.sign(RSA, claims("a").build());

    assertThat(auth.authenticate(Map.of())).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(authorization("Basic " + token)))
        .isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(authorization(token))).isEqualTo(Authentication.REFUSED);
    assertThat(
            auth.authenticate(
                Map.of("authorization", List.of("Bearer " + token, "Bearer " + token))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer("not-a-jwt"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer("a.b.c"))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer("..."))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(token.substring(0, token.length() - 4))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(base64Url("[]") + "." + base64Url("{}") + ".x")))
        .isEqualTo(Authentication.REFUSED);
    // The token itself is fine: the scheme is matched case-insensitively, as for bearertokenauth.
    assertThat(auth.authenticate(authorization("bearer " + token)))
        .isInstanceOf(Authentication.Authenticated.class);
  }

  @Test
  void acceptsAccessTokenTypesAndRefusesOtherJwtsTheIssuerSigns() throws Exception {
    OidcAuthenticator auth = authenticator(config());

    assertThat(auth.authenticate(bearer(typed("at+jwt"))))
        .isInstanceOf(Authentication.Authenticated.class);
    assertThat(auth.authenticate(bearer(typed("application/at+jwt"))))
        .isInstanceOf(Authentication.Authenticated.class);
    assertThat(auth.authenticate(bearer(typed(null))))
        .isInstanceOf(Authentication.Authenticated.class);
    assertThat(auth.authenticate(bearer(typed("logout+jwt")))).isEqualTo(Authentication.REFUSED);
  }

  @Test
  void requiresTheGroupsClaimWhenOneIsConfigured() {
    OidcAuthenticator auth = authenticator(config("sub", "groups"));

    assertThat(
            auth.authenticate(
                bearer(
                    TestIssuer.sign(
                        RSA, claims("a").claim("groups", List.of("ops", "dev")).build()))))
        .isEqualTo(new Authentication.Authenticated("a"));
    assertThat(
            auth.authenticate(
                bearer(TestIssuer.sign(RSA, claims("b").claim("groups", "ops").build()))))
        .isEqualTo(new Authentication.Authenticated("b"));
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("c").build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(
            auth.authenticate(
                bearer(
                    TestIssuer.sign(RSA, claims("d").claim("groups", List.of("ops", 7)).build()))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void discoversTheKeysOnceAndMakesNoNetworkCallWhileTheyAreCached() {
    OidcAuthenticator auth = authenticator(config());
    String token = TestIssuer.sign(RSA, claims("a").build());

    for (int i = 0; i < 50; i++) {
      assertThat(auth.authenticate(bearer(token))).isInstanceOf(Authentication.Authenticated.class);
    }

    assertThat(issuer.discoveryRequests()).isEqualTo(1);
    assertThat(issuer.keyRequests()).isEqualTo(1);
  }

  @Test
  void fetchesNothingWhenCreatedNorForAnHmacOrUnsignedToken() {
    OidcAuthenticator auth = authenticator(config());

    auth.authenticate(bearer(new PlainJWT(claims("a").build()).serialize()));
    auth.authenticate(Map.of());

    assertThat(issuer.discoveryRequests()).isZero();
    assertThat(issuer.keyRequests()).isZero();
  }

  @Test
  void picksUpANewKidAfterTheIssuerRotatesItsKeys() {
    OidcAuthenticator auth = authenticator(config());
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("before").build()))))
        .isInstanceOf(Authentication.Authenticated.class);

    RSAKey rotated = TestIssuer.rsaKey("rsa-2");
    issuer.publish(rotated, EC);

    // Still cached: the old key holds until the cache is refreshed, the new kid refreshes it.
    assertThat(auth.authenticate(bearer(TestIssuer.sign(rotated, claims("after").build()))))
        .isEqualTo(new Authentication.Authenticated("after"));
    assertThat(issuer.keyRequests()).isEqualTo(2);
    assertThat(issuer.discoveryRequests()).isEqualTo(1);
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("before").build()))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void unknownKidsRefreshTheKeysAtMostTwiceEveryRefreshInterval() {
    OidcAuthenticator auth = authenticator(config());
    RSAKey stranger = TestIssuer.rsaKey("stranger");

    for (int i = 0; i < 40; i++) {
      String token = TestIssuer.sign(stranger, "random-" + i, claims("a").build());
      assertThat(auth.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
    }
    assertThat(issuer.keyRequests()).isEqualTo(2);

    // A real rotation meanwhile waits for the interval to pass, then is picked up.
    RSAKey rotated = TestIssuer.rsaKey("rsa-2");
    issuer.publish(RSA, rotated);
    String rotatedToken = TestIssuer.sign(rotated, claims("after").build());
    assertThat(auth.authenticate(bearer(rotatedToken))).isEqualTo(Authentication.REFUSED);
    assertThat(issuer.keyRequests()).isEqualTo(2);

    clock.advance(OidcIssuerKeys.MIN_REFRESH_INTERVAL);
    assertThat(auth.authenticate(bearer(TestIssuer.sign(rotated, claims("after").build()))))
        .isEqualTo(new Authentication.Authenticated("after"));
    assertThat(issuer.keyRequests()).isEqualTo(3);
    // Cached keys still answer while the limit holds.
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("cached").build()))))
        .isEqualTo(new Authentication.Authenticated("cached"));
  }

  @Test
  void anIssuerThatIsDownAtCreationDoesNotThrowAndItsTokensWorkOnceItIsUp() {
    issuer.close();
    issuer = TestIssuer.notStarted().publish(RSA);
    OidcAuthenticator auth = authenticator(config());
    String token = TestIssuer.sign(RSA, claims("late").build());

    assertThat(auth.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
    assertThat(auth.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
    issuer.start();
    // Two failed tries used this interval's fetches: nothing more reaches the issuer before it
    // ends.
    assertThat(auth.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
    assertThat(issuer.discoveryRequests()).isZero();

    clock.advance(OidcIssuerKeys.MIN_REFRESH_INTERVAL);
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("late").build()))))
        .isEqualTo(new Authentication.Authenticated("late"));
    assertThat(issuer.discoveryRequests()).isEqualTo(1);
  }

  @Test
  void fetchesTheKeysAgainWhenTheCacheExpiresAndKeepsTheOldOnesWhileTheIssuerIsDown() {
    OidcAuthenticator auth = authenticator(config());
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("a").build()))))
        .isInstanceOf(Authentication.Authenticated.class);

    clock.advance(OidcIssuerKeys.TIME_TO_LIVE.plusSeconds(1));
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("b").build()))))
        .isInstanceOf(Authentication.Authenticated.class);
    assertThat(issuer.keyRequests()).isEqualTo(2);

    issuer.stop();
    clock.advance(OidcIssuerKeys.TIME_TO_LIVE.plusSeconds(1));
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("c").build()))))
        .isEqualTo(new Authentication.Authenticated("c"));

    clock.advance(OidcIssuerKeys.OUTAGE_TIME_TO_LIVE);
    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("d").build()))))
        .isEqualTo(Authentication.REFUSED);
  }

  @Test
  void takesTheKeysFromJwksUrlWithoutDiscovery() {
    OidcAuthenticator auth =
        authenticator(
            new OidcAuthConfig(
                issuer.url(), TestIssuer.AUDIENCE, null, null, issuer.keysUrl(), null, null));

    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("a").build()))))
        .isEqualTo(new Authentication.Authenticated("a"));
    assertThat(issuer.discoveryRequests()).isZero();
    assertThat(issuer.keyRequests()).isEqualTo(1);
  }

  @Test
  void doesNotUseTheKeysOfADiscoveryDocumentThatNamesAnotherIssuer() {
    issuer.discoveryNamesIssuer("https://evil.example.com");
    OidcAuthenticator auth = authenticator(config());

    assertThat(auth.authenticate(bearer(TestIssuer.sign(RSA, claims("a").build()))))
        .isEqualTo(Authentication.REFUSED);
    assertThat(issuer.keyRequests()).isZero();
  }

  @Test
  void fetchesFromAnHttpsIssuerSignedByTheIssuerCaAndFromNoneOther() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir, "issuer");
    TestCertificates.Issued server = ca.issue("localhost");
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(server.keyManagers(), null, null);
    try (TestIssuer https = TestIssuer.startedWithTls(serverTls).publish(EC)) {
      String token = TestIssuer.sign(EC, https.claims("tls", clock.instant()).build());

      OidcAuthenticator trusting =
          new OidcAuthenticator(
              new OidcAuthConfig(
                  https.url(), TestIssuer.AUDIENCE, null, ca.caFile().toString(), null, null, null),
              clock);
      OidcAuthenticator withoutCa =
          new OidcAuthenticator(
              new OidcAuthConfig(https.url(), TestIssuer.AUDIENCE, null, null, null, null, null),
              clock);

      assertThat(trusting.authenticate(bearer(token)))
          .isEqualTo(new Authentication.Authenticated("tls"));
      assertThat(withoutCa.authenticate(bearer(token))).isEqualTo(Authentication.REFUSED);
      assertThat(https.keyRequests()).isEqualTo(1);
    }
  }

  @Test
  void anIssuerCaFileWithoutACertificateFailsCreationNamingTheKey() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

    assertThatThrownBy(
            () ->
                new OidcAuthenticator(
                    new OidcAuthConfig(
                        issuer.url(), "x", null, notPem.toString(), null, null, null),
                    clock))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("issuer_ca_path: ")
        .hasMessageContaining(notPem.toString());
  }

  private OidcAuthenticator authenticator(OidcAuthConfig config) {
    return new OidcAuthenticator(config, clock);
  }

  private OidcAuthConfig config() {
    return config(null, null);
  }

  private OidcAuthConfig config(String usernameClaim, String groupsClaim) {
    return new OidcAuthConfig(
        issuer.url(), TestIssuer.AUDIENCE, null, null, null, usernameClaim, groupsClaim);
  }

  private JWTClaimsSet.Builder claims(String subject) {
    return issuer.claims(subject, clock.instant());
  }

  private String typed(String type) throws Exception {
    JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID());
    if (type != null) {
      header.type(new JOSEObjectType(type));
    }
    SignedJWT jwt = new SignedJWT(header.build(), claims("typed").build());
    jwt.sign(new RSASSASigner(RSA));
    return jwt.serialize();
  }

  private static String hmac(byte[] secret, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> bearer(String token) {
    return authorization("Bearer " + token);
  }
}
