package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class UnreadBodyTest {
  @Test
  void discardsARestWithinTheBound() throws IOException {
    InputStream in = new ByteArrayInputStream(new byte[100_000]);

    assertThat(UnreadBody.discard(in, -1, 100_000)).isTrue();
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void givesUpOnARestLongerThanTheBound() {
    InputStream in = new ByteArrayInputStream(new byte[100_001 + 8192]);

    assertThat(UnreadBody.discard(in, -1, 100_000)).isFalse();
  }

  @Test
  void readsNothingWhenTheDeclaredLengthIsOverTheBound() {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]);

    assertThat(UnreadBody.discard(in, 200_000, 100_000)).isFalse();
    assertThat(in.available()).isEqualTo(10);
  }

  @Test
  void givesUpWhenTheClientGoesAway() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThat(UnreadBody.discard(broken, -1, 100_000)).isFalse();
  }
}
