package dev.tailgate.receiver.otlp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** The first {@code length} bytes of {@code array}: a body read without a final trimming copy. */
record BodyBytes(byte[] array, int length) {

  static BodyBytes of(byte[] bytes) {
    return new BodyBytes(bytes, bytes.length);
  }

  InputStream stream() {
    return new ByteArrayInputStream(array, 0, length);
  }
}
