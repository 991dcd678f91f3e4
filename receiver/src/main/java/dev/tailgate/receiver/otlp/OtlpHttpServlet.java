package dev.tailgate.receiver.otlp;

import com.google.rpc.Code;
import dev.tailgate.pipeline.auth.Authentication.Authenticated;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP for one receiver: POST of protobuf or OTLP/JSON, optionally gzip, deflate or zstd
 * compressed, at the paths of the signals the receiver serves. Answers in the request's encoding.
 */
public final class OtlpHttpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpServlet.class);
  private static final Duration NOT_RUNNING_RETRY = Duration.ofSeconds(1);

  private final transient Map<String, HttpRoute<?, ?>> routes;
  private final transient BoundedBody bodies;
  private final transient RequestGate gate;

  private final transient MemoryBudget budget;
  private final transient CorsPolicy cors;
  private final transient Optional<HttpAuth> auth;
  private final transient Map<String, String> responseHeaders;
  private final transient List<String> compressionAlgorithms;

  /**
   * @param responseHeaders set on every response ({@code response_headers})
   * @param compressionAlgorithms the Content-Encodings accepted ({@code compression_algorithms})
   */
  OtlpHttpServlet(
      List<HttpRoute<?, ?>> routes,
      long maxRequestBodySize,
      RequestGate gate,
      MemoryBudget budget,
      CorsPolicy cors,
      Optional<HttpAuth> auth,
      Map<String, String> responseHeaders,
      List<String> compressionAlgorithms) {
    this.routes = new LinkedHashMap<>();
    routes.forEach(route -> this.routes.put(route.path(), route));
    this.bodies = new BoundedBody(maxRequestBodySize);
    this.gate = gate;
    this.budget = budget;
    this.cors = cors;
    this.auth = auth;
    this.responseHeaders = Map.copyOf(responseHeaders);
    this.compressionAlgorithms = List.copyOf(compressionAlgorithms);
  }

  /** The exact paths this servlet serves, one per signal. */
  public List<String> paths() {
    return List.copyOf(routes.keySet());
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    responseHeaders.forEach(response::setHeader);
    String path = pathOf(request);
    HttpRoute<?, ?> route = routes.get(path);
    Optional<OtlpEncoding> encoding = OtlpEncoding.ofContentType(request.getContentType());
    if (!"OPTIONS".equals(request.getMethod())) {
      // On errors too, so that a page can read why its export was refused.
      cors.actual(request, response);
    }
    if (route == null) {
      send(
          request,
          response,
          encoding,
          HttpReply.error(404, Code.NOT_FOUND, "no OTLP signal is served at " + path));
    } else if ("OPTIONS".equals(request.getMethod())) {
      answerOptions(request, response);
    } else if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST, OPTIONS");
      send(
          request,
          response,
          encoding,
          HttpReply.error(405, Code.UNIMPLEMENTED, "OTLP/HTTP takes POST only"));
    } else if (encoding.isEmpty()) {
      send(
          request,
          response,
          encoding,
          HttpReply.error(
              415,
              Code.INVALID_ARGUMENT,
              "Content-Type must be application/x-protobuf or application/json"));
    } else {
      receive(route, request, response, encoding.get());
    }
  }

  /**
   * A preflight answers 204 whether or not the origin is allowed (the allow headers say which), as
   * the Collector does; any other OPTIONS just learns the method.
   */
  private void answerOptions(HttpServletRequest request, HttpServletResponse response) {
    if (cors.isPreflight(request)) {
      cors.preflight(request, response);
    } else {
      response.setHeader("Allow", "POST, OPTIONS");
    }
    response.setStatus(204);
  }

  private void receive(
      HttpRoute<?, ?> route,
      HttpServletRequest request,
      HttpServletResponse response,
      OtlpEncoding encoding)
      throws IOException {
    String tenant = "";
    if (auth.isPresent()) {
      if (!(auth.get().authenticate(request) instanceof Authenticated authenticated)) {
        response.setHeader("WWW-Authenticate", auth.get().challenge());
        send(request, response, Optional.of(encoding), HttpAuth.refused());
        return;
      }
      tenant = authenticated.identity();
    }
    String contentEncoding = request.getHeader("Content-Encoding");
    Optional<ContentDecoding> decoding =
        HttpCompressions.allows(compressionAlgorithms, contentEncoding)
            ? ContentDecoding.ofHeader(contentEncoding)
            : Optional.empty();
    if (decoding.isEmpty()) {
      send(
          request,
          response,
          Optional.of(encoding),
          HttpReply.error(
              400,
              Code.INVALID_ARGUMENT,
              "unsupported Content-Encoding \""
                  + contentEncoding
                  + "\" (accepted here: identity, "
                  + String.join(
                      ", ", compressionAlgorithms.stream().filter(name -> !name.isEmpty()).toList())
                  + ")"));
      return;
    }
    if (!gate.tryEnter()) {
      send(
          request,
          response,
          Optional.of(encoding),
          HttpReply.retryLater(NOT_RUNNING_RETRY, "the receiver is not running"));
      return;
    }
    try {
      send(
          request,
          response,
          Optional.of(encoding),
          handle(route, request, encoding, decoding.get(), tenant));
    } finally {
      gate.leave();
    }
  }

  private HttpReply handle(
      HttpRoute<?, ?> route,
      HttpServletRequest request,
      OtlpEncoding encoding,
      ContentDecoding decoding,
      String tenant) {
    // Paid for before the body is read: BoundedBody grows the lease ahead of every buffer.
    Lease lease = budget.tryReserve(0);
    if (lease == null) {
      // Held beyond the limit already (one request larger than the whole budget was let in alone).
      return HttpReply.retryLater(
          NOT_RUNNING_RETRY, "the gateway's memory budget is spent; retry later");
    }
    BodyBytes body;
    try {
      body = bodies.read(request.getInputStream(), request.getContentLengthLong(), decoding, lease);
    } catch (MemorySpentException e) {
      lease.release();
      return HttpReply.retryLater(NOT_RUNNING_RETRY, e.getMessage());
    } catch (BodyTooLargeException e) {
      lease.release();
      return HttpReply.error(413, Code.RESOURCE_EXHAUSTED, e.getMessage());
    } catch (IOException e) {
      lease.release();
      return HttpReply.error(
          400, Code.INVALID_ARGUMENT, "cannot read the request body: " + e.getMessage());
    }
    try {
      return route.handle(body, encoding, lease, tenant, HttpOrigins.of(request));
    } catch (RuntimeException | StackOverflowError e) {
      // The lease went with the request into the route, which releases it on every refusal.
      LOG.error("OTLP/HTTP request to {} failed", route.path(), e);
      return HttpReply.error(500, Code.INTERNAL, "internal error");
    }
  }

  private void send(
      HttpServletRequest request,
      HttpServletResponse response,
      Optional<OtlpEncoding> encoding,
      HttpReply reply)
      throws IOException {
    response.setStatus(reply.status());
    if (reply.status() >= 400
        && !request.getInputStream().isFinished()
        && !UnreadBody.discard(
            request.getInputStream(), request.getContentLengthLong(), discardable(reply))) {
      // A refusal before the body was read: Jetty closes such a connection after the response, and
      // a client that was not told so may send its next request (its retry) into the closed socket.
      response.setHeader("Connection", "close");
    }
    reply.retryAfterSeconds().ifPresent(s -> response.setHeader("Retry-After", Long.toString(s)));
    byte[] bytes;
    if (encoding.isPresent()) {
      bytes = encoding.get().write(reply.body());
      response.setContentType(encoding.get().contentType());
    } else {
      bytes = reply.text().getBytes(StandardCharsets.UTF_8);
      response.setContentType("text/plain; charset=utf-8");
    }
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * A body refused for its size may be discarded up to twice the size limit: the client must see
   * the 413 to learn the limit, and reading to discard holds no memory. Other refusals (the budget
   * spent, the receiver stopping) discard only a little: there the connection's time is worth more.
   */
  private long discardable(HttpReply reply) {
    return reply.status() == 413
        ? Math.max(2L * bodies.limit(), UnreadBody.SMALL)
        : UnreadBody.SMALL;
  }

  /** Works whether the servlet is mapped at exact paths or under a prefix such as /*. */
  private static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
  }
}
