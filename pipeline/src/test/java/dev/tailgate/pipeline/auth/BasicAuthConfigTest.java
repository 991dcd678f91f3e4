package dev.tailgate.pipeline.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htpasswd.file} is read when the config is checked, as the authenticator reads it when
 * created.
 */
class BasicAuthConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PATH = "extensions.basicauth";

  @TempDir Path dir;
  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void acceptsAnHtpasswdFileOfShaEntries() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("htpasswd"), "# users\nci:{SHA}tiY7sUhYKUwI5L3866kDY+ENcrQ=\n");

    bind("htpasswd: { file: " + file + " }");

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void checkRefusesAnHtpasswdFileThatCannotBeRead() throws Exception {
    Path missing = dir.resolve("absent");

    bind("htpasswd: { file: " + missing + " }");

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(PATH + ".htpasswd.file: cannot read the htpasswd file " + missing + " (");
  }

  @Test
  void checkNamesTheLineOfAnUnsupportedHashInTheFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("htpasswd"),
            "ci:{SHA}tiY7sUhYKUwI5L3866kDY+ENcrQ=\nerin:$apr1$salt$hash\n");

    bind("htpasswd: { file: " + file + " }");

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(PATH + ".htpasswd.file: line 2: ")
        .doesNotContain("$apr1$salt$hash");
  }

  private void bind(String yaml) throws Exception {
    new ConfigBinder().bind(YAML.readTree(yaml), BasicAuthConfig.class, PATH, errors);
  }
}
