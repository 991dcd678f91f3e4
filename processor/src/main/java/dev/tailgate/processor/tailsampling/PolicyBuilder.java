package dev.tailgate.processor.tailsampling;

import dev.tailgate.processor.tailsampling.policy.Policy;
import dev.tailgate.processor.tailsampling.policy.PolicyConfig;
import java.util.List;

/** Builds the policies of a config; at start and again on every reload. */
@FunctionalInterface
interface PolicyBuilder {
  List<Policy> build(List<PolicyConfig> configs);
}
