package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A real single-node OpenSearch in this JVM on free loopback ports, with index templates that make
 * {@code traces-*-*} and {@code logs-*-*} data streams, as users would set them up; plus the few
 * REST calls tests read it back with.
 */
public final class OpenSearchNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final OpenSearchRunner runner;
  private final URI endpoint;

  /** Starts the node with its data under {@code home} and waits until it is yellow. */
  public OpenSearchNode(Path home) throws IOException, InterruptedException {
    int httpPort = freePort();
    int transportPort = freePort();
    runner = new OpenSearchRunner();
    runner.setMaxHttpPort(-1); // take baseHttpPort + 1 as it is: the free port found above
    runner
        .onBuild(
            (number, settings) -> {
              settings.put("network.host", "127.0.0.1");
              settings.put("http.port", httpPort);
              settings.put("transport.port", transportPort);
              // The runner's default roles leave out ingest, which the exporter's pipeline needs.
              settings.putList("node.roles", "cluster_manager", "data", "ingest");
            })
        .build(
            OpenSearchRunner.newConfigs()
                .basePath(home.toString())
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("tailgate-test")
                .disableESLogger());
    runner.ensureYellow();
    endpoint = URI.create("http://127.0.0.1:" + httpPort);
    for (String type : List.of("traces", "logs")) {
      JsonNode answer =
          call(
              "PUT",
              "/_index_template/tailgate-" + type,
              "{\"index_patterns\":[\""
                  + type
                  + "-*-*\"],\"data_stream\":{},\"priority\":200,"
                  + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
      if (!answer.path("acknowledged").asBoolean()) {
        throw new AssertionError("index template for " + type + " not acknowledged: " + answer);
      }
    }
  }

  /** The HTTP endpoint for an exporter's {@code endpoint} key. */
  public URI endpoint() {
    return endpoint;
  }

  /** Names of the data streams matching {@code pattern}. */
  public List<String> dataStreams(String pattern) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    call("GET", "/_data_stream/" + pattern, null)
        .path("data_streams")
        .forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  /** Makes what was indexed so far searchable. */
  public void refresh(String index) throws IOException, InterruptedException {
    call("POST", "/" + index + "/_refresh", null);
  }

  /** The {@code hits} object of a {@code _search}. */
  public JsonNode search(String index, String query) throws IOException, InterruptedException {
    return call("POST", "/" + index + "/_search", query).path("hits");
  }

  /** A REST call that must answer 2xx; its JSON answer. */
  public JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw new AssertionError(
          method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws IOException {
    runner.close();
    runner.clean();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
