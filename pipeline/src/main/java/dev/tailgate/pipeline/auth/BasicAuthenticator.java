package dev.tailgate.pipeline.auth;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code basicauth}: accepts {@code Authorization: Basic base64(user:password)} for an htpasswd
 * user.
 */
public final class BasicAuthenticator implements ServerAuthenticator {
  private final Htpasswd users;

  /**
   * @throws UncheckedIOException when the htpasswd file cannot be read
   * @throws dev.tailgate.pipeline.config.ConfigException when a line of it is not usable
   */
  public BasicAuthenticator(BasicAuthConfig config) {
    ConfigErrors errors = new ConfigErrors();
    Htpasswd fromFile = Htpasswd.parse("", errors);
    if (config.htpasswd().file() != null) {
      fromFile = Htpasswd.parse(read(config.htpasswd().file()), errors.at("htpasswd.file"));
    }
    Htpasswd inline =
        Htpasswd.parse(
            config.htpasswd().inline() == null ? "" : config.htpasswd().inline(),
            errors.at("htpasswd.inline"));
    errors.throwIfAny();
    this.users = fromFile.overriddenBy(inline);
  }

  @Override
  public Authentication authenticate(Map<String, List<String>> headers) {
    return Headers.credential(headers, "Basic")
        .flatMap(BasicAuthenticator::decode)
        .flatMap(pair -> users.check(pair[0], pair[1]))
        .<Authentication>map(Authentication.Authenticated::new)
        .orElse(Authentication.REFUSED);
  }

  @Override
  public String challenge() {
    return "Basic realm=\"tailgate\"";
  }

  private static Optional<String[]> decode(String credential) {
    String text;
    try {
      text = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.of(new String[] {text.substring(0, colon), text.substring(colon + 1)});
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the htpasswd file " + file, e);
    }
  }
}
