package dev.tailgate.exporter.elasticsearch;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tailgate.exporter.testing.Arrivals;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A minimal OTLP/HTTP (protobuf) endpoint on loopback that hands each request to a consumer, so the
 * real OpenTelemetry SDK can feed an exporter with the OTLP it makes itself. It answers 200 when
 * the consumer takes the batch and 503 when it refuses it.
 */
final class OtlpHttpSink implements AutoCloseable {
  private final HttpServer server;

  OtlpHttpSink(Map<String, Route<?>> routes) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    routes.forEach(
        (path, route) -> server.createContext(path, exchange -> handle(exchange, route)));
    server.start();
  }

  /** Where OTLP/HTTP requests of one signal go, as the receiver would pass them on: unparsed. */
  record Route<T>(Signal<T> signal, Consumer<T> consumer) {
    void accept(byte[] body) throws IOException {
      consumer.consume(Arrivals.of(signal, ByteString.copyFrom(body)));
    }
  }

  String endpoint(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void handle(HttpExchange exchange, Route<?> route) throws IOException {
    int status;
    try {
      route.accept(exchange.getRequestBody().readAllBytes());
      status = 200;
    } catch (RuntimeException e) {
      status = 503;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, -1); // an empty export response message is zero bytes
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
