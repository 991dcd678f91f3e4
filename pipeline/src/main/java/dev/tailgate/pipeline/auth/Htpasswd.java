package dev.tailgate.pipeline.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users and password hashes in htpasswd form, {@code user:hash} a line: {@code {SHA}} (htpasswd -s)
 * and bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}; htpasswd -B). Other hashes (MD5 "apr1",
 * crypt, plaintext) are refused when the config is read rather than failing every login later.
 */
final class Htpasswd {
  /** Checked for an unknown user, so that it costs what a known user's check costs. */
  private static final Entry UNKNOWN_SHA = new Sha(new byte[21]);

  private final Map<String, Entry> entries;
  private final Entry unknown;

  private Htpasswd(Map<String, Entry> entries) {
    this.entries = entries;
    this.unknown =
        entries.values().stream().filter(Bcrypt.class::isInstance).findFirst().orElse(UNKNOWN_SHA);
  }

  /** Parses {@code text}; each bad line is reported to {@code errors} by its number (1-based). */
  static Htpasswd parse(String text, ConfigErrors errors) {
    Map<String, Entry> users = new LinkedHashMap<>();
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
          users.put(user, new Sha(Base64.getDecoder().decode(hash.substring(5))));
        } catch (IllegalArgumentException e) {
          errors.add("", where + ": the {SHA} hash of \"" + user + "\" is not base64");
        }
      } else if (isBcrypt(hash)) {
        users.put(user, new Bcrypt(hash.getBytes(StandardCharsets.UTF_8)));
      } else {
        // The line's hash is never echoed: a config error must not spread a password hash to logs.
        errors.add(
            "",
            where
                + ": unsupported hash for \""
                + user
                + "\"; use bcrypt (htpasswd -B) or {SHA} (htpasswd -s)");
      }
    }
    return new Htpasswd(users);
  }

  /** $2a$, $2b$ or $2y$, a two-digit cost, and 53 characters of salt and hash. */
  private static boolean isBcrypt(String hash) {
    return hash.length() == 60 && hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  }

  /** Merges {@code other} over this one: its users win. */
  Htpasswd overriddenBy(Htpasswd other) {
    Map<String, Entry> merged = new LinkedHashMap<>(entries);
    merged.putAll(other.entries);
    return new Htpasswd(merged);
  }

  /** The user, when the password is theirs. An unknown user costs about what a known one does. */
  Optional<String> check(String user, String password) {
    Entry entry = entries.get(user);
    boolean match = (entry == null ? unknown : entry).matches(password);
    return match && entry != null ? Optional.of(user) : Optional.empty();
  }

  private sealed interface Entry permits Sha, Bcrypt {
    boolean matches(String password);
  }

  private record Sha(byte[] digest) implements Entry {
    @Override
    public boolean matches(String password) {
      try {
        byte[] given =
            MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(digest, given);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-1", e);
      }
    }
  }

  private record Bcrypt(byte[] hash) implements Entry {
    @Override
    public boolean matches(String password) {
      return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
    }
  }
}
