package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dead_letter:} where documents the backend refused for good (a mapping conflict, a bad
 * value) are appended as ndjson. Without a path they are logged in full at WARN instead.
 */
public record DeadLetterConfig(@JsonProperty("path") String path) implements Validatable {
  public static final DeadLetterConfig DEFAULT = new DeadLetterConfig(null);

  public Optional<Path> file() {
    return Optional.ofNullable(path).map(Path::of);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (path == null) {
      return;
    }
    if (path.isBlank()) {
      errors.add("path", "must not be empty");
      return;
    }
    Path file = Path.of(path).toAbsolutePath();
    if (Files.isDirectory(file)) {
      errors.add("path", "is a directory: " + path);
    } else if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
      errors.add("path", "directory does not exist: " + file.getParent());
    }
  }
}
