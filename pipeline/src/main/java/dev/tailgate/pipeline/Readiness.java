package dev.tailgate.pipeline;

import java.util.Optional;

/**
 * A component that can say it should not get traffic right now (e.g. it refuses data because memory
 * is short). The gateway turns this into a readiness health check, so a load balancer or Kubernetes
 * sends clients to other replicas instead of to one that would only refuse them.
 */
public interface Readiness {
  /** Why this component is not ready, or empty when it is. */
  Optional<String> notReadyReason();
}
