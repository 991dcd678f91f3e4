package dev.tailgate.processor.tailsampling;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenTelemetry probability-sampling threshold ({@code ot=th:...} in the W3C tracestate): a
 * 56-bit rejection threshold {@code (1 - p) * 2^56}, written as up to 14 lowercase hex digits
 * without trailing zeros ({@code th:0} means everything is kept). A backend divides counts by the
 * probability it implies to estimate what was there before sampling.
 */
final class SamplingThreshold {
  private static final long MAX_ADJUSTED_COUNT = 1L << 56;
  private static final int HEX_DIGITS = 14;
  private static final int MAX_TRACESTATE_MEMBERS = 32;

  private SamplingThreshold() {}

  /** The 56-bit threshold for keeping with probability {@code p} (0 for p = 1). */
  static long of(double probability) {
    if (!(probability > 0) || probability > 1) {
      throw new IllegalArgumentException("no threshold for probability " + probability);
    }
    long kept = Math.round(probability * MAX_ADJUSTED_COUNT);
    return Math.max(0, MAX_ADJUSTED_COUNT - kept);
  }

  /** The {@code th} value: up to 14 hex digits, trailing zeros removed, "0" for zero. */
  static String format(long threshold) {
    String digits = Long.toHexString(threshold);
    String hex = "0".repeat(HEX_DIGITS - digits.length()) + digits;
    int end = hex.length();
    while (end > 1 && hex.charAt(end - 1) == '0') {
      end--;
    }
    return hex.substring(0, end);
  }

  /** The value of a {@code th} sub-key, or -1 when it is not a valid threshold. */
  static long parse(String th) {
    if (th.isEmpty() || th.length() > HEX_DIGITS) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < HEX_DIGITS; i++) {
      int digit = i < th.length() ? Character.digit(th.charAt(i), 16) : 0;
      if (digit < 0 || (i < th.length() && Character.isUpperCase(th.charAt(i)))) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /**
   * The span's tracestate with {@code th} set for probability {@code p}. A threshold already there
   * (head sampling) that is stricter than ours stays: the span was kept with the smaller of the two
   * probabilities, and sampling that is consistent on the trace id composes as the larger
   * threshold. The {@code ot} member moves to the front, as W3C asks of an updated member; other
   * members and other {@code ot} sub-keys keep their order.
   */
  static String merge(String tracestate, double probability) {
    long ours = of(probability);
    List<String> members = new ArrayList<>();
    String ot = null;
    for (String raw : tracestate.split(",", -1)) {
      String member = raw.strip();
      if (member.isEmpty()) {
        continue;
      }
      if (ot == null && member.startsWith("ot=")) {
        ot = member.substring(3);
      } else {
        members.add(member);
      }
    }
    List<String> subKeys = new ArrayList<>();
    long threshold = ours;
    if (ot != null) {
      for (String subKey : ot.split(";", -1)) {
        if (subKey.startsWith("th:")) {
          long theirs = parse(subKey.substring(3));
          threshold = Math.max(threshold, theirs);
        } else if (!subKey.isEmpty()) {
          subKeys.add(subKey);
        }
      }
    }
    subKeys.add(0, "th:" + format(threshold));
    List<String> result = new ArrayList<>(members.size() + 1);
    result.add("ot=" + String.join(";", subKeys));
    for (String member : members) {
      if (result.size() == MAX_TRACESTATE_MEMBERS) {
        break;
      }
      result.add(member);
    }
    return String.join(",", result);
  }
}
