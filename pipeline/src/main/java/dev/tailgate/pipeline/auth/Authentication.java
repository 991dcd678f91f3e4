package dev.tailgate.pipeline.auth;

import dev.tailgate.pipeline.Batch;
import java.nio.charset.StandardCharsets;

/** The outcome of {@link ServerAuthenticator#authenticate}. */
public sealed interface Authentication {

  /** Refused: what a client is told, whatever the reason. */
  Refused REFUSED = new Refused();

  /**
   * @param identity who the client is among the configured ones (a user or a token's name), so a
   *     metric tagged with it has no more values than the config has credentials
   */
  record Authenticated(String identity) implements Authentication {
    /** Identities travel with the data (see {@code Batch#tenant}), so they are short. */
    public Authenticated {
      if (identity.getBytes(StandardCharsets.UTF_8).length > Batch.MAX_TENANT_BYTES) {
        throw new IllegalArgumentException(
            "an identity has at most " + Batch.MAX_TENANT_BYTES + " bytes");
      }
    }
  }

  /** No credential, or a wrong one. */
  record Refused() implements Authentication {}
}
