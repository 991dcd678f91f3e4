package dev.tailgate.exporter.otlphttp;

import dev.tailgate.exporter.otlp.PartialSuccessReporter;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.exporterhelper.Sender;
import java.time.Duration;

/**
 * One POST per batch to the signal's URL; the exporter helper around it queues and retries. With
 * {@code encoding: proto} the batch goes out in its wire form, compressed but never parsed.
 */
final class OtlpHttpSender<T, R> implements Sender<T> {
  private final OtlpHttpClient client;
  private final OtlpHttpEncoding encoding;
  private final HttpCompression compression;
  private final Integer level;
  private final RequestHeaders headers;
  private final OtlpHttpResponses<R> responses;
  private final PartialSuccessReporter partialSuccess;

  /** {@code level} null means the compression's default. */
  OtlpHttpSender(
      OtlpHttpClient client,
      OtlpHttpEncoding encoding,
      HttpCompression compression,
      Integer level,
      RequestHeaders headers,
      OtlpHttpResponses<R> responses,
      PartialSuccessReporter partialSuccess) {
    this.client = client;
    this.encoding = encoding;
    this.compression = compression;
    this.level = level;
    this.headers = headers;
    this.responses = responses;
    this.partialSuccess = partialSuccess;
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    byte[] body = compression.compress(encoding.body(batch), level);
    HttpAnswer answer =
        client.post(
            body,
            encoding.mediaType(),
            compression.contentEncoding(),
            headers.forTenant(batch.tenant()),
            timeout);
    partialSuccess.report(responses.check(answer, client.url()));
  }
}
