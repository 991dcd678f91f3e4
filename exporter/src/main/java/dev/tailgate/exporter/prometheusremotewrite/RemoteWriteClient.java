package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.auth.RequestHeaders;
import dev.tailgate.pipeline.tls.ClientSslContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** POSTs snappy-compressed write requests to the endpoint, as remote write 1.0 or 2.0 asks. */
final class RemoteWriteClient implements Component {
  static final String USER_AGENT = "Tailgate-prometheusremotewrite";

  private final HttpClient http;
  private final URI endpoint;
  private final RequestHeaders headers;
  private final RemoteWriteResponses responses;
  private final RemoteWriteProtocol protocol;

  RemoteWriteClient(PrometheusRemoteWriteConfig config, RequestHeaders headers, Clock clock) {
    this.endpoint = config.endpointUri();
    this.headers = headers;
    this.responses = new RemoteWriteResponses(clock);
    this.protocol = config.protocol();
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
    if ("https".equals(endpoint.getScheme())) {
      builder.sslContext(ClientSslContexts.of(config.tls()));
    } else {
      // Cleartext HTTP/2 would start with an upgrade dance on every connection that remote-write
      // receivers do not speak.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    this.http = builder.build();
  }

  /**
   * One attempt with data of {@code tenant}; throws a retryable or permanent error as the response
   * (or its absence) says.
   */
  void post(byte[] snappyBody, String tenant, Duration timeout) {
    HttpResponse<String> response;
    try {
      response =
          http.send(request(snappyBody, tenant, timeout), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unanswered(e, timeout);
    } catch (InterruptedException e) {
      // Keep the flag: the exporter helper's next wait sees it and stops retrying.
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
    responses.check(response.statusCode(), response.headers(), response.body());
  }

  /**
   * One attempt at each body, all at once; the outcome of each in order: empty when the endpoint
   * took it, else the error {@link #post} would have thrown.
   */
  List<Optional<RuntimeException>> postAll(
      List<byte[]> snappyBodies, String tenant, Duration timeout) {
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (byte[] body : snappyBodies) {
      inFlight.add(
          http.sendAsync(request(body, tenant, timeout), HttpResponse.BodyHandlers.ofString()));
    }
    List<Optional<RuntimeException>> outcomes = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : inFlight) {
      outcomes.add(outcome(answer, timeout));
    }
    return outcomes;
  }

  private Optional<RuntimeException> outcome(
      CompletableFuture<HttpResponse<String>> answer, Duration timeout) {
    try {
      HttpResponse<String> response = answer.get();
      responses.check(response.statusCode(), response.headers(), response.body());
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(
          e.getCause() instanceof IOException io
              ? unanswered(io, timeout)
              : new RetryableException(
                  "cannot send to " + endpoint + ": " + e.getCause(), null, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      return Optional.of(interrupted(e));
    } catch (RuntimeException e) {
      return Optional.of(e);
    }
  }

  private HttpRequest request(byte[] snappyBody, String tenant, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).timeout(timeout).header("User-Agent", USER_AGENT);
    headers.forTenant(tenant).forEach(request::setHeader);
    return request
        .setHeader("Content-Encoding", "snappy")
        .setHeader("Content-Type", protocol.contentType())
        .setHeader("X-Prometheus-Remote-Write-Version", protocol.version())
        .POST(HttpRequest.BodyPublishers.ofByteArray(snappyBody))
        .build();
  }

  private RetryableException unanswered(IOException e, Duration timeout) {
    if (e instanceof HttpTimeoutException) {
      return new RetryableException(
          endpoint + " did not answer within " + timeout.toMillis() + " ms", null, e);
    }
    return new RetryableException("cannot reach " + endpoint + ": " + e, null, e);
  }

  private RetryableException interrupted(InterruptedException e) {
    return new RetryableException("interrupted while sending to " + endpoint, null, e);
  }

  @Override
  public String toString() {
    return "remote write client for " + endpoint;
  }
}
