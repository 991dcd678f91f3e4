package dev.tailgate.pipeline.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, written as {@code 20MiB}, {@code 512KiB}, {@code 16MB} or a plain number. */
public record ByteSize(long bytes) {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);

  public static ByteSize ofMiB(long mib) {
    return new ByteSize(mib * 1024 * 1024);
  }

  @JsonCreator
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a size (examples: 20MiB, 512KiB, 1048576)");
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "", "b" -> 1L;
          case "k", "kb" -> 1_000L;
          case "ki", "kib" -> 1L << 10;
          case "m", "mb" -> 1_000_000L;
          case "mi", "mib" -> 1L << 20;
          case "g", "gb" -> 1_000_000_000L;
          case "gi", "gib" -> 1L << 30;
          default ->
              throw new IllegalArgumentException(
                  "\"" + text + "\" has an unknown unit (use B, KiB, MiB, GiB, KB, MB, GB)");
        };
    return new ByteSize(Math.multiplyExact(value, factor));
  }

  @JsonCreator
  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }
}
