package dev.tailgate.gateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The admin port's tasks, as an operator calls them with curl. */
public final class AdminTasks {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private AdminTasks() {}

  /** POST /tasks/reload-sampling: reloads the config file; the body is the reload's report. */
  public static HttpResponse<String> reload(GatewayUnderTest gateway)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort + "/tasks/reload-sampling"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
