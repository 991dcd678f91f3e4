package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/** {@code receivers.otlp}: the protocols to serve, in the Collector's shape. */
public record OtlpReceiverConfig(@JsonProperty("protocols") ProtocolsConfig protocols)
    implements Validatable {

  public OtlpReceiverConfig {
    protocols = protocols == null ? ProtocolsConfig.none() : protocols;
  }

  @Override
  public void validate(ConfigErrors errors) {
    protocols.validate(errors.at("protocols"));
  }
}
