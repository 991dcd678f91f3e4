package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentKind;
import dev.tailgate.pipeline.Factory;
import dev.tailgate.pipeline.FactoryRegistry;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.graph.PipelineSpec;
import dev.tailgate.receiver.otlp.OtlpReceiverConfig;
import dev.tailgate.receiver.otlp.ProtocolsConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the pipelines' otlp receivers will listen, per protocol, in the order the gateway creates
 * them (first named first). Only a receiver that some pipeline names is created, so only those
 * count. A receiver whose config does not bind is left out: the graph planner reports it.
 */
final class ReceiverEndpoints {
  /** One protocol of one receiver: its endpoint and whether it has {@code tls}. */
  record Listening(String receiver, String protocol, Endpoint endpoint, boolean tls) {
    /** The config path of the protocol, e.g. {@code receivers.otlp.protocols.http}. */
    String path() {
      return "receivers." + receiver + ".protocols." + protocol;
    }
  }

  private final List<Listening> http;
  private final List<Listening> grpc;

  ReceiverEndpoints(List<Listening> http, List<Listening> grpc) {
    this.http = List.copyOf(http);
    this.grpc = List.copyOf(grpc);
  }

  static ReceiverEndpoints of(
      Map<String, JsonNode> receivers,
      Map<String, PipelineSpec> pipelines,
      FactoryRegistry registry) {
    List<Listening> http = new ArrayList<>();
    List<Listening> grpc = new ArrayList<>();
    for (String name : named(pipelines)) {
      if (!receivers.containsKey(name)) {
        continue;
      }
      bind(name, receivers.get(name), registry)
          .ifPresent(
              config -> {
                ProtocolsConfig protocols = config.protocols();
                if (protocols.http() != null) {
                  http.add(
                      new Listening(
                          name,
                          "http",
                          protocols.http().endpoint(),
                          protocols.http().tls() != null));
                }
                if (protocols.grpc() != null) {
                  grpc.add(
                      new Listening(
                          name,
                          "grpc",
                          protocols.grpc().endpoint(),
                          protocols.grpc().tls() != null));
                }
              });
    }
    return new ReceiverEndpoints(http, grpc);
  }

  /** Every HTTP protocol, each of which asks the gateway's one HTTP server to serve it. */
  List<Listening> http() {
    return http;
  }

  /** Every gRPC protocol, each a server of its own. */
  List<Listening> grpc() {
    return grpc;
  }

  private static Set<String> named(Map<String, PipelineSpec> pipelines) {
    Set<String> names = new LinkedHashSet<>();
    pipelines
        .values()
        .forEach(
            spec -> {
              if (spec != null) {
                names.addAll(spec.receivers());
              }
            });
    return names;
  }

  private static Optional<OtlpReceiverConfig> bind(
      String name, JsonNode node, FactoryRegistry registry) {
    Optional<? extends Factory<?>> factory;
    try {
      factory = registry.find(ComponentKind.RECEIVER, ComponentId.parse(name).type());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (factory.isEmpty() || factory.get().configType() != OtlpReceiverConfig.class) {
      return Optional.empty();
    }
    // Its problems are the graph planner's to report, once.
    return new ConfigBinder()
        .bind(node, OtlpReceiverConfig.class, "receivers." + name, new ConfigErrors());
  }
}
