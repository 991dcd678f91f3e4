package dev.tailgate.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Jetty's answer to what never reaches a servlet (a request header over the limit, a malformed
 * request line): one line of plain text with the status, instead of Jetty's HTML page. OTLP clients
 * read the status; the text names no detail of the request.
 */
final class PlainTextErrorHandler extends ErrorHandler {
  private static final HttpField PLAIN_TEXT =
      new HttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");

  /** Installs the handler on the server as it starts. */
  static LifeCycle.Listener installer() {
    return new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
          server.setErrorHandler(new PlainTextErrorHandler());
        }
      }
    };
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    response.getHeaders().put(PLAIN_TEXT);
    response.write(true, text(response.getStatus()), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(PLAIN_TEXT);
    return text(status);
  }

  private static ByteBuffer text(int status) {
    return ByteBuffer.wrap(
        (status + " " + HttpStatus.getMessage(status) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
