package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code sending_queue.storage}: where queued batches are kept on disk, so that they survive a
 * crash or restart of the gateway. Each exporter and signal gets its own directory below {@code
 * directory}. A Collector config names a storage extension here instead ({@code storage:
 * file_storage}); that form binds, keeps the queue in memory and says so, rather than failing a
 * pasted config.
 */
public record StorageConfig(
    @JsonProperty("directory") String directory, @JsonProperty("extension") String extension)
    implements Validatable {

  /** A queue kept below {@code directory}. */
  public StorageConfig(String directory) {
    this(directory, null);
  }

  /** The Collector's form: the id of a storage extension. */
  @JsonCreator
  public static StorageConfig ofExtension(String extension) {
    return new StorageConfig(null, extension);
  }

  /** True when the queue is kept on disk (a directory, not a Collector extension id). */
  public boolean onDisk() {
    return extension == null;
  }

  /** The configured directory; only valid after {@link #validate} found no problem. */
  public Path path() {
    return Path.of(directory);
  }

  /** Validates below {@code sending_queue.storage}, naming keys from there. */
  @Override
  public void validate(ConfigErrors errors) {
    if (extension != null) {
      errors.warn(
          "",
          "has no effect here: \""
              + extension
              + "\" names a storage extension, but a queue is kept on disk only below"
              + " sending_queue.storage.directory; without it the queue stays in memory");
      return;
    }
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
