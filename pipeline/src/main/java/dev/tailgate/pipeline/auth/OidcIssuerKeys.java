package dev.tailgate.pipeline.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, as nimbus' key selector asks for them: fetched on first use (never at
 * start, so an issuer that is down does not stop the gateway), from {@code jwks_url} or the {@code
 * jwks_uri} of {@code <issuer_url>/.well-known/openid-configuration}. Nimbus' JWK set sources do
 * the rest: the set is cached for {@link #TIME_TO_LIVE}, a key id it lacks makes it fetch again, at
 * most twice every {@link #MIN_REFRESH_INTERVAL} whatever tokens arrive (failed tries count too),
 * and while the issuer cannot be reached the keys fetched last stay in use for {@link
 * #OUTAGE_TIME_TO_LIVE}. A request whose key is cached makes no network call.
 *
 * <p>The chain is put together here rather than with {@code JWKSourceBuilder} because its top,
 * {@code JWKSetBasedJWKSource}, reads the system clock; here it is the injected one, so the cache's
 * age and the rate limit move with the clock that checks {@code exp}.
 */
final class OidcIssuerKeys implements JWKSource<SecurityContext> {
  static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  static final Duration OUTAGE_TIME_TO_LIVE = Duration.ofHours(1);

  /** How long a request waits for another one's fetch before it is refused. */
  static final Duration REFRESH_WAIT = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(OidcIssuerKeys.class);

  private final Clock clock;
  private final JWKSetSource<SecurityContext> source;

  OidcIssuerKeys(String issuerUrl, String jwksUrl, ResourceRetriever retriever, Clock clock) {
    this.clock = clock;
    JWKSetSource<SecurityContext> fetching = new Fetching(issuerUrl, jwksUrl, retriever);
    this.source =
        new CachingJWKSetSource<>(
            new RateLimitedJWKSetSource<>(
                new OutageTolerantJWKSetSource<>(fetching, OUTAGE_TIME_TO_LIVE.toMillis(), null),
                MIN_REFRESH_INTERVAL.toMillis(),
                null),
            TIME_TO_LIVE.toMillis(),
            REFRESH_WAIT.toMillis(),
            null);
  }

  /** What {@code JWKSetBasedJWKSource} does, on the injected clock. */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    long now = clock.millis();
    JWKSet keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
    List<JWK> selected = selector.select(keys);
    if (selected.isEmpty()) {
      // An unknown key id: perhaps the issuer rotated. Fetch again unless another request just did.
      JWKSet fresh =
          source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now, context);
      selected = selector.select(fresh);
    }
    return selected;
  }

  /** The URL of the issuer's discovery document. */
  static String discoveryUrl(String issuerUrl) {
    String base =
        issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
    return base + "/.well-known/openid-configuration";
  }

  /** One fetch of the key set, discovering its URL first when it is not known yet. */
  private static final class Fetching implements JWKSetSource<SecurityContext> {
    private final String issuerUrl;
    private final URL configuredJwksUrl;
    private final URL discoveryUrl;
    private final ResourceRetriever retriever;

    /**
     * From the discovery document; forgotten when fetching from it fails, so it is looked up again.
     */
    private volatile URL discoveredJwksUrl;

    Fetching(String issuerUrl, String jwksUrl, ResourceRetriever retriever) {
      this.issuerUrl = issuerUrl;
      this.configuredJwksUrl = jwksUrl == null ? null : url(jwksUrl);
      this.discoveryUrl = url(discoveryUrl(issuerUrl));
      this.retriever = retriever;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      URL jwksUrl = configuredJwksUrl != null ? configuredJwksUrl : discoveredJwksUrl;
      if (jwksUrl == null) {
        jwksUrl = discover();
        discoveredJwksUrl = jwksUrl;
      }
      Resource resource;
      try {
        resource = retriever.retrieveResource(jwksUrl);
      } catch (IOException e) {
        discoveredJwksUrl = null;
        LOG.warn(
            "oidcauth: cannot fetch the signing keys of {} from {} ({}); tried again at most twice"
                + " every {} s, until then only keys fetched before verify tokens",
            issuerUrl,
            jwksUrl,
            e.toString(),
            MIN_REFRESH_INTERVAL.toSeconds());
        throw new JWKSetRetrievalException("cannot fetch " + jwksUrl + ": " + e.getMessage(), e);
      }
      try {
        JWKSet keys = JWKSet.parse(resource.getContent());
        LOG.debug(
            "oidcauth: fetched {} signing key(s) of {} from {}", keys.size(), issuerUrl, jwksUrl);
        return keys;
      } catch (ParseException e) {
        discoveredJwksUrl = null;
        LOG.warn("oidcauth: {} did not answer with a JWK set: {}", jwksUrl, e.getMessage());
        throw new JWKSetParseException("not a JWK set: " + jwksUrl, e);
      }
    }

    /** {@code jwks_uri} of the discovery document, whose {@code issuer} must be ours. */
    private URL discover() throws KeySourceException {
      Map<String, Object> document;
      try {
        document = JSONObjectUtils.parse(retriever.retrieveResource(discoveryUrl).getContent());
      } catch (IOException | ParseException e) {
        LOG.warn(
            "oidcauth: cannot read the discovery document {} ({}); tried again at most twice every"
                + " {} s, until then only keys fetched before verify tokens",
            discoveryUrl,
            e.toString(),
            MIN_REFRESH_INTERVAL.toSeconds());
        throw new JWKSetRetrievalException(
            "cannot read " + discoveryUrl + ": " + e.getMessage(), e);
      }
      String issuer;
      String jwksUri;
      try {
        issuer = JSONObjectUtils.getString(document, "issuer");
        jwksUri = JSONObjectUtils.getString(document, "jwks_uri");
      } catch (ParseException e) {
        issuer = null;
        jwksUri = null;
      }
      // OpenID Connect Discovery 1.0 section 4.3: the document must name the issuer it was asked
      // for.
      if (!issuerUrl.equals(issuer)) {
        LOG.warn(
            "oidcauth: the discovery document {} names the issuer \"{}\", not issuer_url \"{}\";"
                + " its keys are not used",
            discoveryUrl,
            issuer,
            issuerUrl);
        throw new JWKSetRetrievalException("discovery document of another issuer: " + issuer, null);
      }
      URL jwksUrl = jwksUri == null ? null : httpUrlOrNull(jwksUri);
      if (jwksUrl == null) {
        LOG.warn(
            "oidcauth: the discovery document {} has no http(s) jwks_uri (got \"{}\"); set"
                + " jwks_url",
            discoveryUrl,
            jwksUri);
        throw new JWKSetRetrievalException("no jwks_uri in " + discoveryUrl, null);
      }
      return jwksUrl;
    }

    @Override
    public void close() {}
  }

  private static URL httpUrlOrNull(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
          ? uri.toURL()
          : null;
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A URL the config has already validated. */
  private static URL url(String text) {
    URL url = httpUrlOrNull(text);
    if (url == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + text);
    }
    return url;
  }
}
