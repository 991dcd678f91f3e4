package dev.tailgate.pipeline.auth;

import java.util.List;
import java.util.Map;

/**
 * Checks the credentials a client sent with a request, as the Collector's server authenticator
 * extensions do. Receivers call it before reading the body, for gRPC and HTTP alike.
 */
public non-sealed interface ServerAuthenticator extends AuthExtension {

  /**
   * @param headers the request's headers (gRPC metadata), names in lower case
   * @return who the client is, or a refusal that says nothing about why (no "unknown user" versus
   *     "wrong password")
   */
  Authentication authenticate(Map<String, List<String>> headers);

  /** The {@code WWW-Authenticate} challenge an HTTP refusal carries, e.g. {@code Bearer}. */
  String challenge();
}
