package dev.tailgate.pipeline.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The accepted tokens, each named by its position ({@code token-1}, ...) so the name can tag
 * metrics without revealing the secret. Compared as SHA-256 digests in constant time, so neither
 * the content nor the length of a token leaks through timing.
 */
final class TokenSet {
  private final List<byte[]> digests = new ArrayList<>();

  TokenSet(List<String> tokens) {
    tokens.forEach(token -> digests.add(sha256(token)));
  }

  boolean isEmpty() {
    return digests.isEmpty();
  }

  Optional<String> identify(String presented) {
    byte[] digest = sha256(presented);
    String found = null;
    // Every entry is compared, matched or not, so the position of a match does not show either.
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), digest) && found == null) {
        found = "token-" + (i + 1);
      }
    }
    return Optional.ofNullable(found);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
