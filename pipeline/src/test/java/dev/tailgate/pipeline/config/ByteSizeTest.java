package dev.tailgate.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "20MiB, 20971520",
    "512KiB, 524288",
    "16MB, 16000000",
    "1048576, 1048576",
    "0, 0",
    "100B, 100",
    "2GiB, 2147483648",
    "3GB, 3000000000",
    "4kb, 4000",
    "1 MiB, 1048576",
  })
  void parsesBinaryAndDecimalUnits(String text, long bytes) {
    assertThat(ByteSize.parse(text)).isEqualTo(new ByteSize(bytes));
  }

  @Test
  void mebibytesAreBinary() {
    assertThat(ByteSize.ofMiB(20)).isEqualTo(ByteSize.parse("20MiB"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"20XB", "MiB", "-1", "1.5MiB", "twenty", ""})
  void refusesWhatIsNotASize(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a size (examples: 20MiB, 512KiB, 1048576)");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"1TiB", "5ib", "2T"})
  void refusesAnUnknownUnitNamingTheKnownOnes(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" has an unknown unit (use B, KiB, MiB, GiB, KB, MB, GB)");
  }

  @Test
  void refusesASizeTooLargeToCount() {
    assertThatThrownBy(() -> ByteSize.parse("9999999999GiB"))
        .isInstanceOf(ArithmeticException.class);
  }
}
