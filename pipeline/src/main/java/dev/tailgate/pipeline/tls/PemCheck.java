package dev.tailgate.pipeline.tls;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Checks a PEM file that a config key names, reading it as the client that uses it will when it is
 * built (a gRPC channel's credentials, an HTTP client's trust store, the OIDC issuer's trust): a
 * file that is there but holds no certificate or key otherwise passes {@code check} and stops
 * {@code server} as its exporter or extension is created.
 */
public final class PemCheck {
  private PemCheck() {}

  /** Problems with {@code file} (null: not configured) as PEM certificates, at {@code key}. */
  public static void certificates(ConfigErrors errors, String key, String file) {
    check(errors, key, file, PemFiles::certificates);
  }

  /**
   * Problems with {@code file} (null: not configured) as an unencrypted PKCS#8 private key, at
   * {@code key}.
   */
  public static void privateKey(ConfigErrors errors, String key, String file) {
    check(errors, key, file, PemFiles::privateKey);
  }

  /** {@code parse} throws a {@link TlsFileException} for PEM it cannot use. */
  private static void check(
      ConfigErrors errors, String key, String file, BiConsumer<String, byte[]> parse) {
    if (readable(errors, key, file)) {
      try {
        parse.accept(key, TlsFiles.read(key, Path.of(file)));
      } catch (TlsFileException e) {
        errors.add(e.key(), e.problem());
      }
    }
  }

  private static boolean readable(ConfigErrors errors, String key, String file) {
    if (file == null) {
      return false;
    }
    if (file.isBlank()) {
      errors.add(key, "must not be empty");
    } else if (!Files.isRegularFile(Path.of(file))) {
      errors.add(key, "file not found: " + file);
    } else if (!Files.isReadable(Path.of(file))) {
      errors.add(key, "file not readable: " + file);
    } else {
      return true;
    }
    return false;
  }
}
