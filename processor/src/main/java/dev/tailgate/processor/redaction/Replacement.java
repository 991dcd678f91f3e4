package dev.tailgate.processor.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a masked part becomes: the fixed mask, or the hex digest of the part. */
interface Replacement {

  String of(String secret);

  String ofBytes(byte[] secret);

  static Replacement from(RedactionConfig config) {
    return switch (config.hashFunction()) {
      case NONE -> new FixedMask(config.mask());
      case HMAC_SHA256, HMAC_SHA512 ->
          new KeyedDigest(config.hashFunction().algorithm(), config.hmacKey());
      default -> new Digest(config.hashFunction().algorithm());
    };
  }

  record FixedMask(String mask) implements Replacement {
    @Override
    public String of(String secret) {
      return mask;
    }

    @Override
    public String ofBytes(byte[] secret) {
      return mask;
    }
  }

  /** A new MessageDigest per use: they are not thread-safe, and masking is the rare path. */
  record Digest(String algorithm) implements Replacement {
    public Digest {
      newDigest(algorithm);
    }

    @Override
    public String of(String secret) {
      return ofBytes(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String ofBytes(byte[] secret) {
      return HexFormat.of().formatHex(newDigest(algorithm).digest(secret));
    }

    private static MessageDigest newDigest(String algorithm) {
      try {
        return MessageDigest.getInstance(algorithm);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM has no " + algorithm, e);
      }
    }
  }

  /** Clones an initialised Mac per use (Macs are not thread-safe; cloning skips the key setup). */
  final class KeyedDigest implements Replacement {
    private final Mac prototype;

    KeyedDigest(String algorithm, String key) {
      try {
        prototype = Mac.getInstance(algorithm);
        prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM cannot do " + algorithm, e);
      }
    }

    @Override
    public String of(String secret) {
      return ofBytes(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String ofBytes(byte[] secret) {
      return HexFormat.of().formatHex(freshMac().doFinal(secret));
    }

    private Mac freshMac() {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(
            prototype.getAlgorithm() + " from " + prototype.getProvider() + " cannot be cloned", e);
      }
    }

    @Override
    public String toString() {
      return "KeyedDigest[" + prototype.getAlgorithm() + "]";
    }
  }
}
