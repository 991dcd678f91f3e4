package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code composite}: sub-policies tried in {@code policy_order}, each with a share of {@code
 * max_total_spans_per_second} from {@code rate_allocation}. A sub-policy with no allocation (or
 * {@code percent: 0}) gets an equal share, total / number of sub-policies, as the Collector
 * documents it.
 */
public record CompositeConfig(
    @JsonProperty("max_total_spans_per_second") Long maxTotalSpansPerSecond,
    @JsonProperty("policy_order") List<String> policyOrder,
    @JsonProperty("composite_sub_policy") List<PolicyConfig> compositeSubPolicy,
    @JsonProperty("rate_allocation") List<RateAllocationConfig> rateAllocation)
    implements Validatable {

  public CompositeConfig {
    policyOrder = policyOrder == null ? List.of() : policyOrder;
    compositeSubPolicy = compositeSubPolicy == null ? List.of() : compositeSubPolicy;
    rateAllocation = rateAllocation == null ? List.of() : rateAllocation;
  }

  /**
   * The sub-policies in the order they are tried: those named in {@code policy_order} first, then
   * the others as declared (the Collector tries them as declared and only checks the order's
   * names).
   */
  public List<PolicyConfig> orderedSubPolicies() {
    Map<String, PolicyConfig> byName = new LinkedHashMap<>();
    compositeSubPolicy.stream()
        .filter(Objects::nonNull)
        .forEach(p -> byName.putIfAbsent(p.name(), p));
    List<PolicyConfig> ordered = new ArrayList<>();
    for (String name : policyOrder) {
      PolicyConfig policy = byName.remove(name);
      if (policy != null) {
        ordered.add(policy);
      }
    }
    ordered.addAll(byName.values());
    return ordered;
  }

  /** The spans per second allotted to the sub-policy named {@code policyName}. */
  public long spansPerSecondFor(String policyName) {
    double percent =
        rateAllocation.stream()
            .filter(a -> policyName.equals(a.policy()))
            .mapToDouble(RateAllocationConfig::percent)
            .findFirst()
            .orElse(0);
    if (percent > 0) {
      return (long) (maxTotalSpansPerSecond * percent / 100);
    }
    return maxTotalSpansPerSecond / Math.max(1, compositeSubPolicy.size());
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (maxTotalSpansPerSecond == null) {
      errors.add("max_total_spans_per_second", "required (> 0)");
    } else {
      errors.check(maxTotalSpansPerSecond > 0, "max_total_spans_per_second", "must be > 0");
    }
    PolicyConfigs.validate(compositeSubPolicy, errors.at("composite_sub_policy"));
    Set<String> names = new HashSet<>();
    compositeSubPolicy.stream().filter(Objects::nonNull).forEach(p -> names.add(p.name()));

    Set<String> ordered = new HashSet<>();
    for (int i = 0; i < policyOrder.size(); i++) {
      String name = policyOrder.get(i);
      String key = "policy_order[" + i + "]";
      if (!names.contains(name)) {
        errors.add(key, "\"" + name + "\" is not the name of a composite_sub_policy");
      } else if (!ordered.add(name)) {
        errors.add(key, "\"" + name + "\" is listed twice");
      }
    }

    Set<String> allocated = new HashSet<>();
    double totalPercent = 0;
    for (int i = 0; i < rateAllocation.size(); i++) {
      RateAllocationConfig allocation = rateAllocation.get(i);
      String key = "rate_allocation[" + i + "]";
      if (allocation == null) {
        errors.add(key, "empty entry: give policy and percent");
        continue;
      }
      if (!names.contains(allocation.policy())) {
        errors.add(
            key + ".policy",
            "\"" + allocation.policy() + "\" is not the name of a composite_sub_policy");
      } else if (!allocated.add(allocation.policy())) {
        errors.add(key + ".policy", "\"" + allocation.policy() + "\" is allocated twice");
      }
      errors.check(
          allocation.percent() >= 0 && allocation.percent() <= 100,
          key + ".percent",
          "must be between 0 and 100 (0: an equal share)");
      totalPercent += allocation.percent();
    }
    errors.check(
        totalPercent <= 100,
        "rate_allocation",
        "percents add up to " + totalPercent + ", more than 100");
  }
}
