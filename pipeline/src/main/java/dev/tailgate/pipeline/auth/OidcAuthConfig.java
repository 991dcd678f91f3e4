package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.tls.PemCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code extensions.oidcauth}, in the Collector's shape: tokens issued by {@code issuer_url} for
 * {@code audience} (any audience with {@code ignore_audience: true}); {@code issuer_ca_path} a PEM
 * CA trusted (besides the system's) for fetching the issuer's metadata and keys; {@code
 * username_claim} names the client; {@code groups_claim}, when set, must be present in the token
 * (it is not used beyond that). {@code jwks_url} skips discovery of the keys' address.
 */
public record OidcAuthConfig(
    @JsonProperty("issuer_url") String issuerUrl,
    @JsonProperty("audience") String audience,
    @JsonProperty("ignore_audience") Boolean ignoreAudience,
    @JsonProperty("issuer_ca_path") String issuerCaPath,
    @JsonProperty("jwks_url") String jwksUrl,
    @JsonProperty("username_claim") String usernameClaim,
    @JsonProperty("groups_claim") String groupsClaim)
    implements Validatable {

  public static final String DEFAULT_USERNAME_CLAIM = "sub";

  public OidcAuthConfig {
    ignoreAudience = ignoreAudience != null && ignoreAudience;
    usernameClaim = usernameClaim == null ? DEFAULT_USERNAME_CLAIM : usernameClaim;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (issuerUrl == null || issuerUrl.isBlank()) {
      errors.add(
          "issuer_url", "is required: the issuer's URL, exactly as its tokens' iss claim has it");
    } else {
      checkUrl(errors, "issuer_url", issuerUrl, false);
    }
    if (audience == null) {
      errors.check(
          ignoreAudience,
          "audience",
          "is required (the client id the tokens are issued for), unless ignore_audience is true");
    } else {
      errors.check(!audience.isBlank(), "audience", "must not be empty");
    }
    if (jwksUrl != null) {
      checkUrl(errors, "jwks_url", jwksUrl, true);
    }
    // Read as the authenticator reads it when the extension is created.
    PemCheck.certificates(errors, "issuer_ca_path", issuerCaPath);
    errors.check(!usernameClaim.isBlank(), "username_claim", "must not be empty");
    errors.check(
        groupsClaim == null || !groupsClaim.isBlank(), "groups_claim", "must not be empty");
  }

  /**
   * An absolute http:// or https:// URL with a host and no fragment (nor a query, unless allowed).
   */
  private static void checkUrl(ConfigErrors errors, String key, String value, boolean query) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      errors.add(key, "is not a URL: " + e.getMessage());
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      errors.add(key, "must be an https:// (or http://) URL, got \"" + value + "\"");
    } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
      errors.add(key, "has no host: \"" + value + "\"");
    } else if ((!query && uri.getRawQuery() != null) || uri.getRawFragment() != null) {
      errors.add(
          key,
          "must not have a " + (query ? "fragment" : "query or fragment") + ": \"" + value + "\"");
    }
  }
}
