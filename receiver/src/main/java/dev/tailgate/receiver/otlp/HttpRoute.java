package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import com.google.rpc.Code;
import dev.tailgate.pipeline.wire.EncodedForms;
import java.io.IOException;

/** One signal's OTLP/HTTP path: decodes the body, ingests it, and says what to answer. */
final class HttpRoute<T extends Message, R extends Message> {
  private final OtlpSignal<T, R> otlp;
  private final OtlpIngest<T> ingest;
  private final EncodedForms forms;

  HttpRoute(OtlpSignal<T, R> otlp, OtlpIngest<T> ingest, EncodedForms forms) {
    this.otlp = otlp;
    this.ingest = ingest;
    this.forms = forms;
  }

  String path() {
    return otlp.httpPath();
  }

  HttpReply handle(BodyBytes body, OtlpEncoding encoding) {
    T request;
    try {
      request = encoding.parse(body, otlp);
      if (encoding == OtlpEncoding.PROTOBUF) {
        // The body array is this request's own: exporters may forward these very bytes.
        forms.remember(request, UnsafeByteOperations.unsafeWrap(body.array(), 0, body.length()));
      }
    } catch (IOException e) {
      return HttpReply.error(
          400,
          Code.INVALID_ARGUMENT,
          "cannot decode "
              + otlp.signal().name()
              + " as "
              + encoding.contentType()
              + ": "
              + e.getMessage());
    }
    IngestOutcome outcome = ingest.ingest(request);
    return outcome instanceof IngestOutcome.Accepted accepted
        ? HttpReply.ok(otlp.response(accepted))
        : HttpReply.of(outcome);
  }
}
