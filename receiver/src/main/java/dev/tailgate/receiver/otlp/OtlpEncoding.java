package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP payload encodings; responses are written in the request's. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf") {
    @Override
    <T extends Message> T parse(BodyBytes body, OtlpSignal<T, ?> otlp) throws IOException {
      return otlp.requestParser().parseFrom(body.array(), 0, body.length());
    }

    @Override
    byte[] write(Message message) {
      return message.toByteArray();
    }
  },
  JSON("application/json") {
    private final OtlpJson json = new OtlpJson();

    @Override
    <T extends Message> T parse(BodyBytes body, OtlpSignal<T, ?> otlp) throws IOException {
      return otlp.jsonReader().read(json, body.array(), 0, body.length());
    }

    @Override
    byte[] write(Message message) {
      return json.print(message);
    }
  };

  private final String contentType;

  OtlpEncoding(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** Decodes a request body. */
  abstract <T extends Message> T parse(BodyBytes body, OtlpSignal<T, ?> otlp) throws IOException;

  abstract byte[] write(Message message);

  /** The encoding of a {@code Content-Type} (parameters such as charset ignored); empty if none. */
  static Optional<OtlpEncoding> ofContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    int semicolon = header.indexOf(';');
    String mediaType =
        (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    for (OtlpEncoding encoding : values()) {
      if (encoding.contentType.equals(mediaType)) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }
}
