package dev.tailgate.processor.tailsampling.policy;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a list of policies: each one, and that names are unique within the list. */
public final class PolicyConfigs {
  private PolicyConfigs() {}

  /**
   * Validates {@code policies} with {@code errors} positioned at the list's key (e.g. {@code
   * errors.at("policies")}), so problems read {@code policies[2].latency.threshold_ms: ...}.
   */
  public static void validate(List<PolicyConfig> policies, ConfigErrors errors) {
    if (policies == null || policies.isEmpty()) {
      errors.add("", "must list at least one policy");
      return;
    }
    Map<String, Integer> firstIndexOfName = new HashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      ConfigErrors at = errors.at("[" + i + "]");
      PolicyConfig policy = policies.get(i);
      if (policy == null) {
        at.add("", "empty policy: give name and type");
        continue;
      }
      policy.validate(at);
      if (policy.name() != null && !policy.name().isBlank()) {
        Integer first = firstIndexOfName.putIfAbsent(policy.name(), i);
        if (first != null) {
          at.add(
              "name",
              "\""
                  + policy.name()
                  + "\" is already the name of ["
                  + first
                  + "]; names must be unique");
        }
      }
    }
  }
}
