package dev.tailgate.pipeline.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oidcauth}: accepts {@code Authorization: Bearer <jwt>} when the JWT is signed by one of
 * the issuer's keys (RSA or EC; never {@code alg: none} nor HMAC), its {@code iss} is {@code
 * issuer_url}, its {@code aud} holds {@code audience} (unless {@code ignore_audience}), it has an
 * {@code exp} that has not passed and no {@code nbf} still to come (each with {@link
 * #MAX_CLOCK_SKEW} of slack, on the injected clock), and it carries the username claim as a string,
 * which becomes the identity. With {@code groups_claim} set, that claim must be there too, a string
 * or a list of strings. Any failure is a plain refusal; why is logged at debug.
 *
 * <p>Keys are fetched and refreshed by {@link OidcIssuerKeys}, on first use rather than at
 * creation, so creating this never touches the network.
 */
public final class OidcAuthenticator implements ServerAuthenticator {
  static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Larger than any discovery document or key set seen in the wild; a bound against a runaway
   * answer.
   */
  static final int SIZE_LIMIT_BYTES = 1 << 20;

  /** RSA (PKCS#1 v1.5 and PSS) and EC: what issuers sign ID and access tokens with. */
  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private static final Logger LOG = LoggerFactory.getLogger(OidcAuthenticator.class);

  private final String issuerUrl;
  private final String usernameClaim;
  private final String groupsClaim;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @throws UncheckedIOException when {@code issuer_ca_path} cannot be read
   * @throws dev.tailgate.pipeline.config.ConfigException when it holds no usable certificate
   */
  public OidcAuthenticator(OidcAuthConfig config, Clock clock) {
    this(config, clock, retriever(config.issuerCaPath()));
  }

  OidcAuthenticator(OidcAuthConfig config, Clock clock, ResourceRetriever retriever) {
    this.issuerUrl = config.issuerUrl();
    this.usernameClaim = config.usernameClaim();
    this.groupsClaim = config.groupsClaim();
    OidcIssuerKeys keys = new OidcIssuerKeys(issuerUrl, config.jwksUrl(), retriever, clock);
    processor.setJWSTypeVerifier(TOKEN_TYPES);
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    Set<String> required = new HashSet<>(Set.of(JWTClaimNames.EXPIRATION_TIME, usernameClaim));
    if (groupsClaim != null) {
      required.add(groupsClaim);
    }
    processor.setJWTClaimsSetVerifier(
        new ClaimsVerifier(
            config.ignoreAudience() ? null : Set.of(config.audience()),
            new JWTClaimsSet.Builder().issuer(issuerUrl).build(),
            required,
            clock));
  }

  @Override
  public Authentication authenticate(Map<String, List<String>> headers) {
    Optional<String> token = Headers.credential(headers, "Bearer");
    if (token.isEmpty()) {
      LOG.debug("oidcauth: refused a request without an Authorization: Bearer header");
      return Authentication.REFUSED;
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.get(), null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      LOG.debug("oidcauth: refused a token for {}: {}", issuerUrl, e.getMessage());
      return Authentication.REFUSED;
    } catch (RuntimeException e) {
      LOG.debug("oidcauth: refused a token for {} that could not be checked", issuerUrl, e);
      return Authentication.REFUSED;
    }
    if (!(claims.getClaim(usernameClaim) instanceof String username) || username.isEmpty()) {
      LOG.debug(
          "oidcauth: refused a token whose {} claim is not a non-empty string", usernameClaim);
      return Authentication.REFUSED;
    }
    if (groupsClaim != null && !isGroups(claims.getClaim(groupsClaim))) {
      LOG.debug("oidcauth: refused a token whose {} claim is not a string or strings", groupsClaim);
      return Authentication.REFUSED;
    }
    try {
      return new Authentication.Authenticated(username);
    } catch (IllegalArgumentException e) {
      LOG.debug(
          "oidcauth: refused a token whose {} claim is too long: {}",
          usernameClaim,
          e.getMessage());
      return Authentication.REFUSED;
    }
  }

  @Override
  public String challenge() {
    return "Bearer";
  }

  private static boolean isGroups(Object claim) {
    return claim instanceof String
        || (claim instanceof Collection<?> groups
            && groups.stream().allMatch(String.class::isInstance));
  }

  /**
   * The JWS {@code typ}: absent, {@code JWT} (ID tokens and most access tokens) or {@code at+jwt}
   * (RFC 9068 access tokens), compared as RFC 7515 says: case-insensitively, with or without {@code
   * application/}. Other JWTs an issuer signs (logout tokens, ...) are not credentials.
   */
  private static final JOSEObjectTypeVerifier<SecurityContext> TOKEN_TYPES =
      (type, context) -> {
        if (type == null) {
          return;
        }
        String name = type.getType().toLowerCase(Locale.ROOT);
        if (name.startsWith("application/")) {
          name = name.substring("application/".length());
        }
        if (!name.equals("jwt") && !name.equals("at+jwt")) {
          throw new BadJOSEException("JWT typ \"" + type + "\" is not a token type accepted here");
        }
      };

  /** nimbus' claims checks, with the injected clock as "now". */
  private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Clock clock;

    ClaimsVerifier(Set<String> audience, JWTClaimsSet exact, Set<String> required, Clock clock) {
      super(audience, exact, required, null);
      this.clock = clock;
      setMaxClockSkew((int) MAX_CLOCK_SKEW.toSeconds());
    }

    @Override
    protected Date currentTime() {
      return Date.from(clock.instant());
    }
  }

  private static ResourceRetriever retriever(String issuerCaPath) {
    return new DefaultResourceRetriever(
        (int) CONNECT_TIMEOUT.toMillis(),
        (int) READ_TIMEOUT.toMillis(),
        SIZE_LIMIT_BYTES,
        true,
        issuerCaPath == null ? null : trusting(Path.of(issuerCaPath)));
  }

  /**
   * The system's trusted CAs plus those of {@code caFile}, as the Collector adds it to the system
   * pool.
   */
  static SSLSocketFactory trusting(Path caFile) {
    byte[] pem;
    try {
      pem = Files.readAllBytes(caFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read issuer_ca_path " + caFile, e);
    }
    ConfigErrors errors = new ConfigErrors();
    Collection<? extends Certificate> authorities = List.of();
    try {
      authorities =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem));
      errors.check(!authorities.isEmpty(), "issuer_ca_path", "holds no PEM certificate: " + caFile);
    } catch (CertificateException e) {
      errors.add("issuer_ca_path", "is not a PEM certificate: " + caFile + ": " + e.getMessage());
    }
    errors.throwIfAny();
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      TrustManagerFactory system =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      int n = 0;
      for (TrustManager manager : system.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate ca : x509.getAcceptedIssuers()) {
            trust.setCertificateEntry("system-" + n++, ca);
          }
        }
      }
      for (Certificate ca : authorities) {
        trust.setCertificateEntry("issuer-ca-" + n++, ca);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust for issuer_ca_path " + caFile, e);
    }
  }
}
