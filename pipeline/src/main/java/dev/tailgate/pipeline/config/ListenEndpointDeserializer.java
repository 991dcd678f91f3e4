package dev.tailgate.pipeline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A receiver's {@code endpoint}: {@code host:port}, or a socket path for {@code transport: unix}
 * ({@link Endpoint#parseListen}). Clients' endpoints stay {@code host:port} only.
 */
public final class ListenEndpointDeserializer extends StdScalarDeserializer<Endpoint> {
  private static final long serialVersionUID = 1L;

  public ListenEndpointDeserializer() {
    super(Endpoint.class);
  }

  @Override
  public Endpoint deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    return Endpoint.parseListen(parser.getValueAsString());
  }
}
