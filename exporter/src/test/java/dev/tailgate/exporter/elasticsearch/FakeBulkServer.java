package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for Elasticsearch's {@code _bulk} endpoint on loopback: records each request and
 * answers with scripted replies, in order; once the script is used up, every item is indexed.
 */
final class FakeBulkServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one bulk request carried. */
  record Request(
      String path,
      Map<String, List<String>> headers,
      List<JsonNode> actions,
      List<JsonNode> sources) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** One scripted answer: status, headers, body, made from the request. */
  record Reply(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Function<Request, Reply>> script =
      new ConcurrentLinkedQueue<>();

  FakeBulkServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeBulkServer then(Function<Request, Reply> reply) {
    script.add(reply);
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A 200 bulk response with the given item statuses, errors carrying {@code reason}. */
  static Reply items(String reason, int... statuses) {
    StringBuilder body = new StringBuilder();
    boolean errors = false;
    for (int status : statuses) {
      errors |= status >= 300;
    }
    body.append("{\"errors\":").append(errors).append(",\"items\":[");
    for (int i = 0; i < statuses.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"create\":{\"status\":").append(statuses[i]);
      if (statuses[i] >= 300) {
        body.append(",\"error\":{\"type\":\"")
            .append(
                statuses[i] == 429 ? "es_rejected_execution_exception" : "mapper_parsing_exception")
            .append("\",\"reason\":\"")
            .append(reason)
            .append("\"}");
      }
      body.append("}}");
    }
    body.append("]}");
    return new Reply(200, Map.of(), body.toString());
  }

  static Function<Request, Reply> allIndexed() {
    return request -> {
      int[] statuses = new int[request.sources().size()];
      java.util.Arrays.fill(statuses, 201);
      return items("", statuses);
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    List<JsonNode> actions = new ArrayList<>();
    List<JsonNode> sources = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      actions.add(JSON.readTree(lines[i]));
      sources.add(JSON.readTree(lines[i + 1]));
    }
    Request request =
        new Request(
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            actions,
            sources);
    requests.add(request);
    Function<Request, Reply> next = script.poll();
    Reply reply = (next == null ? allIndexed() : next).apply(request);
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
    try (var stream = exchange.getResponseBody()) {
      stream.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
