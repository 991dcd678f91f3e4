package dev.tailgate.exporter.debug;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the debug exporter writes with {@code use_internal_logger: false}: each of {@code
 * output_paths}, {@code stdout} and {@code stderr} being the process's streams and anything else a
 * file appended to. A file is opened for each entry, so it may be rotated or removed at any time
 * (the sampler keeps entries few).
 */
final class DebugOutput {
  private DebugOutput() {}

  static Consumer<String> to(List<String> paths) {
    List<Consumer<String>> outputs = paths.stream().map(DebugOutput::one).toList();
    return entry -> outputs.forEach(output -> output.accept(entry));
  }

  private static Consumer<String> one(String path) {
    return switch (path) {
      case "stdout" -> entry -> println(System.out, entry);
      case "stderr" -> entry -> println(System.err, entry);
      default -> entry -> append(Path.of(path), entry);
    };
  }

  private static void println(PrintStream stream, String entry) {
    stream.println(entry);
  }

  private static void append(Path file, String entry) {
    try {
      Files.writeString(
          file,
          entry + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("debug exporter: cannot write " + file, e);
    }
  }
}
