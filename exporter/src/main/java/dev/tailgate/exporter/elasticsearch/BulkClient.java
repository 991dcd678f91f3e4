package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.client.http.HttpStatusClassifier;
import dev.tailgate.pipeline.tls.ClientSslContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * Posts {@code _bulk} bodies to the configured endpoints in turn (round robin, so a retry after a
 * failed request goes to the next node). Classifies whole-request failures: 429, 5xx and connection
 * errors are retryable (honouring {@code Retry-After}), other statuses permanent.
 */
final class BulkClient implements Component {
  /**
   * Plain media types: Elasticsearch 8/9 take them, and OpenSearch refuses Elasticsearch's
   * "compatible-with" ones with 406. Only the fields the exporter reads come back.
   */
  private static final String BULK_PATH = "/_bulk?filter_path=errors,items.*.status,items.*.error";

  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final HttpClient http;
  private final List<URI> bulkUris;
  private final Map<String, String> headers;
  private final HttpStatusClassifier statuses;
  private final AtomicInteger next = new AtomicInteger();
  private final boolean gzip;

  BulkClient(HttpClient http, List<URI> endpoints, Map<String, String> headers, Clock clock) {
    this(http, endpoints, headers, clock, Optional.empty(), false);
  }

  /**
   * {@code pipeline}: the ingest pipeline every document goes through; {@code gzip}: bodies are
   * compressed (Elasticsearch and OpenSearch read {@code Content-Encoding: gzip}).
   */
  BulkClient(
      HttpClient http,
      List<URI> endpoints,
      Map<String, String> headers,
      Clock clock,
      Optional<String> pipeline,
      boolean gzip) {
    this.http = http;
    this.bulkUris = endpoints.stream().map(e -> bulkUri(e, pipeline)).toList();
    this.headers = Map.copyOf(headers);
    this.statuses = new HttpStatusClassifier(clock);
    this.gzip = gzip;
  }

  static BulkClient of(ElasticsearchExporterConfig config, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .sslContext(ClientSslContexts.of(config.tls()))
            .build();
    return new BulkClient(
        http,
        config.endpointUris(),
        requestHeaders(config),
        clock,
        Optional.ofNullable(config.pipeline()),
        config.gzip());
  }

  /**
   * The configured headers plus the credentials, which take precedence over a configured
   * Authorization.
   */
  static Map<String, String> requestHeaders(ElasticsearchExporterConfig config) {
    Map<String, String> headers = new LinkedHashMap<>(config.headers());
    if (config.apiKey() != null) {
      headers.keySet().removeIf(name -> name.equalsIgnoreCase("authorization"));
      headers.put("Authorization", "ApiKey " + config.apiKey());
    } else if (config.user() != null && config.apiKey() == null) {
      headers.keySet().removeIf(name -> name.equalsIgnoreCase("authorization"));
      String credentials = config.user() + ":" + config.password();
      headers.put(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return headers;
  }

  /** The response body of a 2xx answer to one bulk request; throws the failure otherwise. */
  byte[] post(byte[] body, Duration timeout) {
    URI uri = bulkUris.get(Math.floorMod(next.getAndIncrement(), bulkUris.size()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/x-ndjson")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? gzipped(body) : body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RetryableException(
          "bulk request to " + uri.getHost() + ":" + uri.getPort() + " failed: " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          "bulk request to " + uri.getHost() + " was interrupted", null, e);
    }
    int status = response.statusCode();
    if (HttpStatusClassifier.succeeded(status)) {
      return response.body();
    }
    throw statuses.failure(
        status,
        response.headers(),
        "bulk request to "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + " answered HTTP "
            + status
            + ": "
            + excerpt(response.body()));
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > MAX_BODY_IN_MESSAGE
        ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..."
        : text;
  }

  private static byte[] gzipped(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gzip in memory", e); // does not happen
    }
    return out.toByteArray();
  }

  private static URI bulkUri(URI endpoint, Optional<String> pipeline) {
    String base = endpoint.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String query =
        pipeline.map(p -> "&pipeline=" + URLEncoder.encode(p, StandardCharsets.UTF_8)).orElse("");
    return URI.create(base + BULK_PATH + query);
  }
}
