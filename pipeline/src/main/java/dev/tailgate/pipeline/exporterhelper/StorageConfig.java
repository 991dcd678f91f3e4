package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code sending_queue.storage}: where queued batches are kept on disk, so that they survive a
 * crash or restart of the gateway. Each exporter and signal gets its own directory below {@code
 * directory}.
 */
public record StorageConfig(@JsonProperty("directory") String directory) implements Validatable {

  /** The configured directory; only valid after {@link #validate} found no problem. */
  public Path path() {
    return Path.of(directory);
  }

  /** Validates below {@code sending_queue.storage}, naming keys from there. */
  @Override
  public void validate(ConfigErrors errors) {
    if (directory == null || directory.isBlank()) {
      errors.add("directory", "is required");
      return;
    }
    try {
      Path unused = Path.of(directory);
    } catch (InvalidPathException e) {
      errors.add("directory", "is not a valid path (" + e.getMessage() + ")");
    }
  }
}
