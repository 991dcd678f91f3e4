package dev.tailgate.receiver.otlp;

import com.google.rpc.Code;
import dev.tailgate.pipeline.auth.Authentication;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Authenticates an OTLP/HTTP request from its headers, before its body is read. */
final class HttpAuth {
  /** Says nothing of what was wrong: no help for someone guessing credentials. */
  static final String REFUSED_MESSAGE = "authentication failed";

  private final ServerAuthenticator authenticator;

  HttpAuth(ServerAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  Authentication authenticate(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .addAll(Collections.list(request.getHeaders(name)));
    }
    return authenticator.authenticate(headers);
  }

  String challenge() {
    return authenticator.challenge();
  }

  static HttpReply refused() {
    return HttpReply.error(401, Code.UNAUTHENTICATED, REFUSED_MESSAGE);
  }
}
