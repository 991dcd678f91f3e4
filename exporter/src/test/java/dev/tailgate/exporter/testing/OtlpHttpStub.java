package dev.tailgate.exporter.testing;

import com.github.luben.zstd.ZstdInputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.xerial.snappy.Snappy;

/**
 * An OTLP/HTTP backend on loopback for exporter tests: records every request (path, headers, the
 * body as sent and decompressed) and answers with the replies queued by {@link #answer}, then with
 * 200 and an empty export response.
 */
public final class OtlpHttpStub implements AutoCloseable {
  /**
   * One request as it arrived; header names lower case. {@code client} is the subject of the
   * client's certificate over TLS, null without one.
   */
  public record Request(
      String method, String path, Map<String, String> headers, byte[] body, String client) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply of(int status) {
      return new Reply(status, Map.of(), new byte[0]);
    }

    public static Reply of(int status, String contentType, byte[] body) {
      return new Reply(status, Map.of("Content-Type", contentType), body);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body);
    }
  }

  private final HttpServer server;
  private final String scheme;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

  /** Plain HTTP. */
  public OtlpHttpStub() {
    this(null);
  }

  /** HTTPS with {@code tls}'s certificate, demanding a client certificate that it trusts. */
  public static OtlpHttpStub httpsWithClientCertificates(SSLContext tls) {
    return new OtlpHttpStub(tls);
  }

  private OtlpHttpStub(SSLContext tls) {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try {
      if (tls == null) {
        server = HttpServer.create(loopback, 0);
        scheme = "http";
      } else {
        HttpsServer https = HttpsServer.create(loopback, 0);
        https.setHttpsConfigurator(
            new HttpsConfigurator(tls) {
              @Override
              public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
              }
            });
        server = https;
        scheme = "https";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next requests with these, in order. */
  public OtlpHttpStub answer(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits for the next request not yet waited for; null after {@code timeout}. */
  public Request next(Duration timeout) throws InterruptedException {
    return arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              headers,
              decode(headers.getOrDefault("content-encoding", ""), raw),
              clientOf(exchange));
      requests.add(request);
      arrivals.add(request);
      Reply reply = replies.poll();
      if (reply == null) {
        reply = Reply.of(200, "application/x-protobuf", new byte[0]);
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      if (reply.body().length > 0) {
        exchange.getResponseBody().write(reply.body());
      }
    }
  }

  private static String clientOf(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return null;
    }
    try {
      return https.getSSLSession().getPeerPrincipal().getName();
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static byte[] decode(String encoding, byte[] raw) throws IOException {
    return switch (encoding) {
      case "" -> raw;
      case "gzip" -> readAll(new GZIPInputStream(new ByteArrayInputStream(raw)));
      case "zstd" -> readAll(new ZstdInputStream(new ByteArrayInputStream(raw)));
      case "snappy" -> Snappy.uncompress(raw);
      default -> throw new IOException("unknown Content-Encoding " + encoding);
    };
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /** Every request's decompressed body, in arrival order. */
  public List<byte[]> bodies() {
    List<byte[]> bodies = new ArrayList<>();
    requests.forEach(r -> bodies.add(r.body()));
    return bodies;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
