package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code extensions.bearertokenauth}, in the Collector's shape: the token inline ({@code token}), a
 * list of them ({@code tokens}), or a file holding one token a line ({@code filename}, re-read when
 * it changes); {@code scheme} is what precedes the token in {@code Authorization}.
 */
public record BearerTokenAuthConfig(
    @JsonProperty("token") String token,
    @JsonProperty("tokens") List<String> tokens,
    @JsonProperty("filename") String filename,
    @JsonProperty("scheme") String scheme)
    implements Validatable {

  public static final String DEFAULT_SCHEME = "Bearer";

  public BearerTokenAuthConfig {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    scheme = scheme == null ? DEFAULT_SCHEME : scheme;
  }

  @Override
  public void validate(ConfigErrors errors) {
    int sources = (token != null ? 1 : 0) + (tokens.isEmpty() ? 0 : 1) + (filename != null ? 1 : 0);
    errors.check(sources == 1, "", "set exactly one of token, tokens and filename");
    errors.check(token == null || !token.isBlank(), "token", "must not be empty");
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      errors.check(t != null && !t.isBlank(), "tokens[" + i + "]", "must not be empty");
    }
    if (filename != null && filename.isBlank()) {
      errors.add("filename", "must not be empty");
    } else if (filename != null) {
      // Read as the authenticator reads it when it is created, where a missing file stops the
      // server.
      try {
        Files.readAllLines(Path.of(filename), StandardCharsets.UTF_8);
      } catch (IOException e) {
        errors.add("filename", "cannot read the bearer token file " + filename + " (" + e + ")");
      }
    }
    errors.check(!scheme.contains(" "), "scheme", "must be one word, got \"" + scheme + "\"");
  }
}
