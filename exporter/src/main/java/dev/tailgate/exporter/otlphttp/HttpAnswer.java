package dev.tailgate.exporter.otlphttp;

import java.net.http.HttpHeaders;
import java.util.Locale;

/** A backend's answer to one request: status, headers, and the start of the body. */
record HttpAnswer(int status, HttpHeaders headers, byte[] body) {

  /** The media type of the body without parameters, lower case; "" when not given. */
  String mediaType() {
    String type = headers.firstValue("Content-Type").orElse("");
    int parameters = type.indexOf(';');
    return (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }
}
