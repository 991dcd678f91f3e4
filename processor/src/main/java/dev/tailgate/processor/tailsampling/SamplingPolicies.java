package dev.tailgate.processor.tailsampling;

import dev.tailgate.processor.tailsampling.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies in force, replaced whole by a config reload. Only the policies change in place: the
 * other keys size structures built at start and need a restart, which the reload says.
 */
final class SamplingPolicies {
  private static final Logger log = LoggerFactory.getLogger(SamplingPolicies.class);

  private final String id;
  private final TailSamplingConfig started;
  private final PolicyBuilder builder;

  /** Read at each decision, so a round in progress decides its remaining traces by new policies. */
  private volatile List<Policy> current;

  SamplingPolicies(String id, TailSamplingConfig started, PolicyBuilder builder) {
    this.id = id;
    this.started = started;
    this.builder = builder;
    this.current = List.copyOf(builder.build(started.policies()));
  }

  List<Policy> current() {
    return current;
  }

  /** The names of the current policies, in config order. */
  List<String> names() {
    return current.stream().map(Policy::name).toList();
  }

  /** Replaces the policies; traces still waiting are decided by the new ones. */
  List<String> reconfigure(TailSamplingConfig newConfig) {
    List<Policy> rebuilt = List.copyOf(builder.build(newConfig.policies()));
    current = rebuilt;
    log.info("tail_sampling processor {}: reloaded {} policies", id, rebuilt.size());
    List<String> lines = new ArrayList<>();
    lines.add(
        "processors."
            + id
            + ": policies "
            + names()
            + "; traces already buffered are decided by them");
    if (!sameExceptPolicies(newConfig)) {
      log.warn(
          "tail_sampling processor {}: reloaded the policies; other changed keys take effect on"
              + " restart",
          id);
      lines.add(
          "processors." + id + ": keys other than policies changed; they take effect on restart");
    }
    return lines;
  }

  private boolean sameExceptPolicies(TailSamplingConfig other) {
    return started.decisionWait().equals(other.decisionWait())
        && started.numTraces().equals(other.numTraces())
        && started.decisionCache().equals(other.decisionCache())
        && started.maxBufferedSpans().equals(other.maxBufferedSpans())
        && Objects.equals(started.maxBufferedBytes(), other.maxBufferedBytes())
        && started.tracestateThreshold().equals(other.tracestateThreshold())
        && started.policyAttribute().equals(other.policyAttribute())
        && Objects.equals(started.peers(), other.peers())
        && started.dryRun().equals(other.dryRun())
        && started.sampleOnFirstMatch().equals(other.sampleOnFirstMatch())
        && started.dropPendingTracesOnShutdown().equals(other.dropPendingTracesOnShutdown())
        && started.maximumTraceSizeBytes().equals(other.maximumTraceSizeBytes())
        && started.blockOnOverflow().equals(other.blockOnOverflow())
        && started.decisionWaitAfterRootReceived().equals(other.decisionWaitAfterRootReceived())
        && started.samplingStrategy().equals(other.samplingStrategy())
        && started.numShards().equals(other.numShards())
        && Objects.equals(started.tailStorage(), other.tailStorage());
  }
}
