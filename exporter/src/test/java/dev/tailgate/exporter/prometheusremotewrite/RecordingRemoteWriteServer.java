package dev.tailgate.exporter.prometheusremotewrite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.xerial.snappy.Snappy;

/** A remote-write endpoint on loopback that answers as scripted and records what it got. */
final class RecordingRemoteWriteServer implements AutoCloseable {
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer ok() {
      return new Answer(204, Map.of(), "");
    }
  }

  /** What one POST held: its headers, its body read as 1.0, and the uncompressed body itself. */
  record Received(Map<String, List<String>> headers, WriteRequest request, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new ArrayList<>();

  RecordingRemoteWriteServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/write", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
  }

  /** Answers the next requests with these, in order; then 204. */
  void answer(Answer... answers) {
    script.addAll(List.of(answers));
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    byte[] uncompressed = Snappy.uncompress(body);
    WriteRequest request = WriteRequest.parseFrom(uncompressed);
    synchronized (this) {
      received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), request, uncompressed));
    }
    Answer answer = script.poll();
    if (answer == null) {
      answer = Answer.ok();
    }
    answer.headers().forEach(exchange.getResponseHeaders()::add);
    byte[] text = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), text.length == 0 ? -1 : text.length);
    if (text.length > 0) {
      exchange.getResponseBody().write(text);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
