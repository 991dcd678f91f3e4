package dev.tailgate.exporter.otlphttp;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.tls.ClientSslContexts;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** POSTs OTLP request bodies; one client (and connection pool) per exporter and signal. */
final class OtlpHttpClient implements Component {
  static final String USER_AGENT = "Tailgate-otlphttp";

  /**
   * An export response is a few bytes; an error page may be large. As the Collector does, only the
   * start of a body is read: enough for a partial success or a google.rpc.Status.
   */
  static final int MAX_BODY_READ = 64 * 1024;

  private final HttpClient http;
  private final URI url;

  OtlpHttpClient(OtlpHttpExporterConfig config, URI url) {
    this.url = url;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
    config.proxy().ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
    if ("https".equals(url.getScheme())) {
      // HTTP/2 where the server offers it in the TLS handshake, as the Collector's client does.
      builder.sslContext(ClientSslContexts.of(config.tls()));
    } else {
      // Cleartext HTTP/2 would start every connection with an upgrade that OTLP servers (the
      // Collector, Tailgate) do not take up; the Collector's client speaks HTTP/1.1 there too.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    this.http = builder.build();
  }

  URI url() {
    return url;
  }

  /**
   * One POST; a request that gets no answer (refused connection, timeout) is retryable, an answer
   * is returned whatever its status.
   */
  HttpAnswer post(
      byte[] body,
      String mediaType,
      Optional<String> contentEncoding,
      Map<String, String> headers,
      Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT);
    headers.forEach(request::setHeader);
    request.setHeader("Content-Type", mediaType);
    contentEncoding.ifPresent(encoding -> request.setHeader("Content-Encoding", encoding));
    request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] start;
      try (InputStream in = response.body()) {
        start = in.readNBytes(MAX_BODY_READ);
      }
      return new HttpAnswer(response.statusCode(), response.headers(), start);
    } catch (HttpTimeoutException e) {
      throw new RetryableException(
          url + " did not answer within " + timeout.toMillis() + " ms", null, e);
    } catch (IOException e) {
      throw new RetryableException("cannot reach " + url + ": " + e, null, e);
    } catch (InterruptedException e) {
      // Keep the flag: the exporter helper's next wait sees it and stops retrying.
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted while sending to " + url, null, e);
    }
  }

  @Override
  public String toString() {
    return "OTLP/HTTP client for " + url;
  }
}
