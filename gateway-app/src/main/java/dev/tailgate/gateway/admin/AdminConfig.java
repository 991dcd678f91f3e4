package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code service.admin}: the bearer token that admin tasks ({@code /tasks/*}, {@code /threads})
 * require when the admin port listens beyond loopback, inline ({@code token}) or in a file ({@code
 * token_file}, as a Kubernetes Secret is mounted; surrounding whitespace is ignored).
 */
public record AdminConfig(
    @JsonProperty("token") String token, @JsonProperty("token_file") String tokenFile) {
  public static final AdminConfig NONE = new AdminConfig(null, null);

  public AdminConfig {
    token = token == null || token.isBlank() ? null : token;
    tokenFile = tokenFile == null || tokenFile.isBlank() ? null : tokenFile;
  }

  public void validate(ConfigErrors errors) {
    errors.check(token == null || tokenFile == null, "token", "set token or token_file, not both");
    if (tokenFile != null) {
      try {
        errors.check(!readFile().isEmpty(), "token_file", "the file " + tokenFile + " is empty");
      } catch (IOException e) {
        errors.add("token_file", "cannot read " + tokenFile + ": " + e.getMessage());
      }
    }
  }

  /** The token, or null when none is configured. */
  public String resolveToken() throws IOException {
    return tokenFile != null ? readFile() : token;
  }

  private String readFile() throws IOException {
    return Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
  }

  /** The token stays out of logs. */
  @Override
  public String toString() {
    return "AdminConfig[token="
        + (token == null ? "" : "<hidden>")
        + ", token_file="
        + (tokenFile == null ? "" : tokenFile)
        + "]";
  }
}
