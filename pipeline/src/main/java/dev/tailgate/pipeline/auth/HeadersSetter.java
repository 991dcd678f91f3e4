package dev.tailgate.pipeline.auth;

import dev.tailgate.pipeline.auth.HeadersSetterConfig.Header;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code headers_setter}: the exporter's headers with the configured ones set, inserted, updated or
 * deleted. A header from context whose request has no tenant takes its {@code default_value}, or is
 * left out when it has none (a backend such as Mimir then answers with its own error rather than
 * filing the data under a made-up tenant).
 */
final class HeadersSetter implements ClientAuthenticator {
  private final List<Header> headers;

  HeadersSetter(HeadersSetterConfig config) {
    this.headers = config.headers();
  }

  @Override
  public Map<String, String> headers(Map<String, String> configured, String tenant) {
    Map<String, String> out = new LinkedHashMap<>(configured);
    for (Header header : headers) {
      String existing = keyIn(out, header.key());
      switch (header.parsedAction()) {
        case DELETE -> {
          if (existing != null) {
            out.remove(existing);
          }
        }
        case INSERT -> {
          if (existing == null) {
            set(out, header, null, tenant);
          }
        }
        case UPDATE -> {
          if (existing != null) {
            set(out, header, existing, tenant);
          }
        }
        case UPSERT -> set(out, header, existing, tenant);
      }
    }
    return out;
  }

  private static void set(Map<String, String> out, Header header, String existing, String tenant) {
    String value =
        header.value() != null ? header.value() : tenant.isEmpty() ? header.defaultValue() : tenant;
    if (value == null) {
      return;
    }
    if (existing != null) {
      out.remove(existing);
    }
    out.put(header.key(), printable(value));
  }

  /**
   * HTTP header values and gRPC ASCII metadata carry printable ASCII only: anything else in an
   * identity (an OIDC subject may have it) is sent percent-encoded as UTF-8, and so is {@code %}.
   */
  static String printable(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c >= 0x20 && c < 0x7f && c != '%';
    }
    if (plain) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '%') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Header names compare without case, as HTTP and gRPC metadata both do. */
  private static String keyIn(Map<String, String> headers, String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String name : headers.keySet()) {
      if (name.toLowerCase(Locale.ROOT).equals(lower)) {
        return name;
      }
    }
    return null;
  }
}
