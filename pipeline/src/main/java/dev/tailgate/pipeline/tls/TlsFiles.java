package dev.tailgate.pipeline.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file named by a TLS key, with a message that says which key and why not. */
final class TlsFiles {
  private TlsFiles() {}

  static byte[] read(String key, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsFileException(key, "file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new TlsFileException(key, "cannot read " + file + ": " + e, e);
    }
  }
}
