package dev.tailgate.pipeline.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

/**
 * Encodings with invalid UTF-8 in a string field, which protobuf-java refuses to build: a message
 * is encoded with a marker string, and the marker's bytes are then overwritten with 0xFF bytes
 * (never valid in UTF-8), keeping every length prefix right.
 */
public final class InvalidUtf8 {
  private InvalidUtf8() {}

  public static ByteString replacing(Message message, String marker) {
    byte[] bytes = message.toByteArray();
    byte[] needle = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = indexOf(bytes, needle);
    if (at < 0) {
      throw new IllegalArgumentException("marker " + marker + " not in the encoding");
    }
    for (int i = 0; i < needle.length; i++) {
      bytes[at + i] = (byte) 0xFF;
    }
    return ByteString.copyFrom(bytes);
  }

  /** Where {@code needle} first occurs in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
