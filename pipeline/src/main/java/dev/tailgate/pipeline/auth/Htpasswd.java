package dev.tailgate.pipeline.auth;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users and password hashes in htpasswd form, {@code user:hash} a line. Only {@code {SHA}} hashes
 * are checked: bcrypt needs a library this build does not have, so bcrypt lines are refused when
 * the config is read rather than failing every login later.
 */
final class Htpasswd {
  private final Map<String, byte[]> sha1ByUser;

  private Htpasswd(Map<String, byte[]> sha1ByUser) {
    this.sha1ByUser = sha1ByUser;
  }

  /** Parses {@code text}; each bad line is reported to {@code errors} by its number (1-based). */
  static Htpasswd parse(String text, ConfigErrors errors) {
    Map<String, byte[]> users = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "line " + (i + 1);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        errors.add("", where + ": expected user:hash");
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (hash.startsWith("{SHA}")) {
        try {
          users.put(user, Base64.getDecoder().decode(hash.substring(5)));
        } catch (IllegalArgumentException e) {
          errors.add("", where + ": the {SHA} hash of \"" + user + "\" is not base64");
        }
      } else if (hash.startsWith("$2")) {
        errors.add("", where + ": bcrypt hashes are not supported by this build; use {SHA} (htpasswd -s)");
      } else {
        // The line's hash is never echoed: a config error must not spread a password hash to logs.
        errors.add("", where + ": unsupported hash for \"" + user + "\"; use {SHA} (htpasswd -s)");
      }
    }
    return new Htpasswd(users);
  }

  /** Merges {@code other} over this one: its users win. */
  Htpasswd overriddenBy(Htpasswd other) {
    Map<String, byte[]> merged = new LinkedHashMap<>(sha1ByUser);
    merged.putAll(other.sha1ByUser);
    return new Htpasswd(merged);
  }

  /** The user, when the password is theirs. An unknown user costs the same digest as a known one. */
  Optional<String> check(String user, String password) {
    byte[] expected = sha1ByUser.getOrDefault(user, UNKNOWN_USER);
    boolean match = MessageDigest.isEqual(expected, sha1(password));
    return match && sha1ByUser.containsKey(user) ? Optional.of(user) : Optional.empty();
  }

  /** No password's SHA-1 is 21 bytes long, so this never matches. */
  private static final byte[] UNKNOWN_USER = new byte[21];

  private static byte[] sha1(String password) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
