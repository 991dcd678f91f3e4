package dev.tailgate.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingThresholdTest {

  static String th(double probability) {
    return SamplingThreshold.format(SamplingThreshold.of(probability));
  }

  @Test
  void keepingEverythingIsThresholdZero() {
    assertThat(th(1.0)).isEqualTo("0");
  }

  @Test
  void writesUpToFourteenHexDigitsWithoutTrailingZeros() {
    assertThat(th(0.5)).isEqualTo("8");
    assertThat(th(0.25)).isEqualTo("c");
    assertThat(th(0.1)).isEqualTo("e6666666666666");
    assertThat(th(0.01)).isEqualTo("fd70a3d70a3d71");
  }

  @Test
  void refusesProbabilitiesThatKeepNothing() {
    assertThatThrownBy(() -> SamplingThreshold.of(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesThresholdsPaddedWithImpliedTrailingZeros() {
    assertThat(SamplingThreshold.parse("8")).isEqualTo(1L << 55);
    assertThat(SamplingThreshold.parse("0")).isZero();
    assertThat(SamplingThreshold.parse("e6666666666666")).isEqualTo(SamplingThreshold.of(0.1));
    assertThat(SamplingThreshold.parse("g")).isEqualTo(-1);
    assertThat(SamplingThreshold.parse("A")).isEqualTo(-1);
    assertThat(SamplingThreshold.parse("123456789abcdef")).isEqualTo(-1);
  }

  @Test
  void addsAnOtMemberToAnEmptyTracestate() {
    assertThat(SamplingThreshold.merge("", 1.0)).isEqualTo("ot=th:0");
    assertThat(SamplingThreshold.merge("", 0.1)).isEqualTo("ot=th:e6666666666666");
  }

  @Test
  void putsTheOtMemberFirstAndKeepsOtherVendorsInOrder() {
    assertThat(SamplingThreshold.merge("congo=t61rcWkgMzE, rojo=00f067aa0ba902b7", 0.5))
        .isEqualTo("ot=th:8,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  @Test
  void mergesIntoAnExistingOtMemberKeepingItsOtherSubKeys() {
    assertThat(SamplingThreshold.merge("vendor=a,ot=rv:abcdef01234567;p:3", 0.5))
        .isEqualTo("ot=th:8;rv:abcdef01234567;p:3,vendor=a");
  }

  @Test
  void keepsAStricterThresholdFromHeadSampling() {
    assertThat(SamplingThreshold.merge("ot=th:c", 0.5)).isEqualTo("ot=th:c");
    assertThat(SamplingThreshold.merge("ot=th:c", 1.0)).isEqualTo("ot=th:c");
  }

  @Test
  void replacesALaxerOrInvalidThreshold() {
    assertThat(SamplingThreshold.merge("ot=th:8", 0.25)).isEqualTo("ot=th:c");
    assertThat(SamplingThreshold.merge("ot=th:zz", 0.5)).isEqualTo("ot=th:8");
  }

  @Test
  void staysWithinThirtyTwoMembers() {
    StringBuilder tracestate = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      tracestate.append(i == 0 ? "" : ",").append("v").append(i).append("=x");
    }

    String merged = SamplingThreshold.merge(tracestate.toString(), 0.5);

    assertThat(merged.split(",")).hasSize(32).startsWith("ot=th:8", "v0=x");
    assertThat(merged).doesNotContain("v31=x");
  }
}
