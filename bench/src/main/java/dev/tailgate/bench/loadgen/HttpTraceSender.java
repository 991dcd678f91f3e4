package dev.tailgate.bench.loadgen;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.config.Endpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** OTLP/HTTP binary protobuf, POST to {@code /v1/traces}. */
final class HttpTraceSender implements TraceSender {
  private final HttpClient client;
  private final URI uri;
  private final PayloadPool pool;
  private final Duration timeout;

  HttpTraceSender(Endpoint endpoint, PayloadPool pool, Duration timeout) {
    // OTLP/HTTP clients speak HTTP/1.1; the JDK would otherwise try an h2c upgrade first.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    this.uri = URI.create("http://" + endpoint + "/v1/traces");
    this.pool = pool;
    this.timeout = timeout;
  }

  @Override
  public SendResult send(int payloadIndex) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(pool.encoded(payloadIndex)))
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status == 429 || status == 503) {
        return SendResult.REFUSED;
      }
      if (status != 200) {
        // Anything but a retryable refusal is a failure the benchmark must show, not hide.
        return SendResult.FAILED;
      }
      return SendResult.accepted(rejectedSpans(response.body()));
    } catch (IOException e) {
      return SendResult.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendResult.FAILED;
    }
  }

  private static long rejectedSpans(byte[] body) {
    try {
      return ExportTraceServiceResponse.parseFrom(body).getPartialSuccess().getRejectedSpans();
    } catch (InvalidProtocolBufferException e) {
      // A 200 whose body is not the OTLP response still delivered the spans.
      return 0;
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient only gained close() in Java 21; its connections die with the JVM.
  }
}
