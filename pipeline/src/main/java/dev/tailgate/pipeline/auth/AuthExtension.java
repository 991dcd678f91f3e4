package dev.tailgate.pipeline.auth;

/**
 * What an authentication extension makes: a {@link ServerAuthenticator} that receivers ask about
 * each request, or a {@link ClientAuthenticator} that exporters ask for headers.
 */
public sealed interface AuthExtension permits ServerAuthenticator, ClientAuthenticator {}
