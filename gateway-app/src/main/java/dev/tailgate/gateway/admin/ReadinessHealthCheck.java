package dev.tailgate.gateway.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.tailgate.pipeline.Readiness;

/** A component's own view of whether it should get traffic (e.g. memory_limiter while refusing). */
public final class ReadinessHealthCheck extends HealthCheck {
  private final Readiness component;

  public ReadinessHealthCheck(Readiness component) {
    this.component = component;
  }

  @Override
  protected Result check() {
    return component
        .notReadyReason()
        .map(Result::unhealthy)
        .orElseGet(() -> Result.healthy("ready"));
  }
}
