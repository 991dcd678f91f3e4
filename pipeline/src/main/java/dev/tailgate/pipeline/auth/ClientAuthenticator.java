package dev.tailgate.pipeline.auth;

import java.util.Map;

/**
 * Adds to an exporter's requests, as the Collector's client authenticator extensions do (here:
 * {@code headers_setter}, which passes on who sent the data, e.g. as {@code X-Scope-OrgID}).
 * Exporters call it once per request from their sender threads; it must be thread-safe and fast.
 */
public non-sealed interface ClientAuthenticator extends AuthExtension {

  /**
   * @param configured the exporter's own {@code headers:}
   * @param tenant who sent the data of the request ({@code Batch#tenant()}, empty when unknown)
   * @return the headers to send with the request
   */
  Map<String, String> headers(Map<String, String> configured, String tenant);
}
