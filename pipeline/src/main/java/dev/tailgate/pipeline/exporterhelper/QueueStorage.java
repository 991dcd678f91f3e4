package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a persistent sending queue will be able to open its directory, asked when the config is
 * planned: the queue opens it only when its exporter is created, too late for {@code check} to
 * report it. Nothing is created here (a check must leave the disk as it found it), so a directory
 * that does not exist yet is judged by the nearest one above it that does.
 */
public final class QueueStorage {
  private QueueStorage() {}

  /**
   * Why the queue of {@code exporter}'s {@code signal} below {@code root} could not be opened;
   * empty when it can. A reason found above the signal's own directory names only that directory,
   * so that it reads the same for each signal.
   */
  public static Optional<String> problem(Path root, ComponentId exporter, Signal<?> signal) {
    Path directory = root.toAbsolutePath().resolve(QueueDirectory.nameOf(exporter, signal));
    if (exists(directory)) {
      return usable(directory);
    }
    Path existing = directory.getParent();
    while (existing != null && !exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("no directory above " + directory + " exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(existing + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      return Optional.of(existing + " is not writable");
    }
    return Optional.empty();
  }

  /** A link counts as there, dangling or not: creating a directory in its place would fail. */
  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static Optional<String> usable(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.of(directory + " is not a directory");
    }
    if (!Files.isWritable(directory)) {
      return Optional.of(directory + " is not writable");
    }
    if (!Files.isReadable(directory)) {
      return Optional.of(directory + " is not readable");
    }
    return Optional.empty();
  }
}
