package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueStorageTest {
  private static final ComponentId OTLP = ComponentId.parse("otlp/backend");

  @TempDir Path dir;

  @Test
  void acceptsADirectoryThatCanBeCreatedAndCreatesNothing() {
    Path root = dir.resolve("queue/nested");

    assertThat(QueueStorage.problem(root, OTLP, Signal.TRACES)).isEmpty();
    assertThat(root).doesNotExist();
  }

  @Test
  void acceptsTheDirectoryAnEarlierRunLeft() throws Exception {
    Files.createDirectories(dir.resolve("otlp_backend-traces"));

    assertThat(QueueStorage.problem(dir, OTLP, Signal.TRACES)).isEmpty();
  }

  @Test
  void checkRefusesADirectoryBelowAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");

    assertThat(QueueStorage.problem(file.resolve("queue"), OTLP, Signal.TRACES))
        .hasValueSatisfying(
            problem -> assertThat(problem).startsWith(file + " is not a directory"));
  }

  @Test
  void checkRefusesAQueuePathThatIsAFile() throws Exception {
    Path queue = Files.writeString(dir.resolve("otlp_backend-logs"), "left by something else");

    assertThat(QueueStorage.problem(dir, OTLP, Signal.LOGS))
        .contains(queue + " is not a directory");
  }

  @Test
  void checkRefusesADirectoryThatIsNotWritable() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));

    assertThat(QueueStorage.problem(locked, OTLP, Signal.METRICS))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith(locked + " is not writable"));
  }
}
