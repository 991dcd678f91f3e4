package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.memory.Lease;
import java.io.IOException;

/** One signal's OTLP/HTTP path: decodes the body, ingests it, and says what to answer. */
final class HttpRoute<T extends Message, R extends Message> {
  private final OtlpSignal<T, R> otlp;
  private final String path;
  private final OtlpIngest<T> ingest;

  /** Serves {@code otlp}'s signal at {@code path} (its {@code *_url_path}). */
  HttpRoute(OtlpSignal<T, R> otlp, String path, OtlpIngest<T> ingest) {
    this.otlp = otlp;
    this.path = path;
    this.ingest = ingest;
  }

  String path() {
    return path;
  }

  /**
   * Takes over {@code lease}, which pays for {@code body}, sent by {@code tenant} on the connection
   * {@code origin}.
   */
  HttpReply handle(
      BodyBytes body, OtlpEncoding encoding, Lease lease, String tenant, Origin origin) {
    IngestOutcome outcome;
    if (encoding == OtlpEncoding.PROTOBUF) {
      // The body array is this request's own: exporters may forward these very bytes.
      outcome = ingest.ingestWire(body.array(), 0, body.length(), lease, tenant, origin);
    } else {
      T request;
      try {
        request = encoding.parse(body, otlp);
      } catch (IOException e) {
        lease.release();
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
      outcome = ingest.ingestParsed(request, lease, tenant, origin);
    }
    return outcome instanceof IngestOutcome.Accepted accepted
        ? HttpReply.ok(otlp.response(accepted))
        : HttpReply.of(outcome);
  }
}
