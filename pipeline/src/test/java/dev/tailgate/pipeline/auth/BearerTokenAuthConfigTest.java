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

class BearerTokenAuthConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PATH = "extensions.bearertokenauth";

  @TempDir Path dir;
  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void acceptsATokenFileThatCanBeRead() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "s3cret\n");

    bind("filename: " + tokens);

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void checkRefusesATokenFileThatCannotBeRead() throws Exception {
    // The authenticator reads it when the extension is created, which would stop the server.
    Path missing = dir.resolve("absent");

    bind("filename: " + missing);

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith(PATH + ".filename: cannot read the bearer token file " + missing + " (");
  }

  private void bind(String yaml) throws Exception {
    new ConfigBinder().bind(YAML.readTree(yaml), BearerTokenAuthConfig.class, PATH, errors);
  }
}
