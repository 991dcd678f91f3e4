package dev.tailgate.processor.redaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code hash_function}: what replaces a masked part. {@code none} writes the mask; the others
 * write the lowercase hex digest of the part, so equal secrets stay equal (joinable) without being
 * readable. md5, sha1, sha3 (SHA3-256) and hmac-sha512 are there for Collector configs.
 */
public enum HashFunction {
  NONE("none", null),
  MD5("md5", "MD5"),
  SHA1("sha1", "SHA-1"),
  SHA256("sha256", "SHA-256"),
  SHA3("sha3", "SHA3-256"),
  HMAC_SHA256("hmac-sha256", "HmacSHA256"),
  HMAC_SHA512("hmac-sha512", "HmacSHA512");

  private final String configName;
  private final String algorithm;

  HashFunction(String configName, String algorithm) {
    this.configName = configName;
    this.algorithm = algorithm;
  }

  @JsonCreator
  public static HashFunction parse(String text) {
    for (HashFunction function : values()) {
      if (function.configName.equals(text)) {
        return function;
      }
    }
    throw new IllegalArgumentException(
        "\"" + text + "\" is not a hash function; expected one of " + choices());
  }

  @JsonValue
  public String configName() {
    return configName;
  }

  /** The JCA name ({@code MessageDigest} or {@code Mac}); null for none. */
  String algorithm() {
    return algorithm;
  }

  boolean keyed() {
    return this == HMAC_SHA256 || this == HMAC_SHA512;
  }

  private static String choices() {
    return Arrays.stream(values()).map(HashFunction::configName).collect(Collectors.joining(", "));
  }
}
