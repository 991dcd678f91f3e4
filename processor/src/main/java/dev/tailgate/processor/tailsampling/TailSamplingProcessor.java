package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.processor.tailsampling.peers.PeerRoutingProcessor;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * Tail-based sampling: holds every span of a trace until {@code decision_wait} after the trace's
 * first span, then lets the policies decide the whole trace at once and passes kept traces on,
 * complete. What the gateway's admin code sees of a {@code tail_sampling} processor: {@link
 * LocalTailSamplingProcessor} decides the traces this replica holds; with {@code peers}, a {@link
 * PeerRoutingProcessor} in front of it sends each span to the replica that owns its trace.
 */
public interface TailSamplingProcessor
    extends Processor<ExportTraceServiceRequest>, Reconfigurable<TailSamplingConfig> {

  /** The ring of peers with their health, this replica first; empty without {@code peers}. */
  List<PeerState> peers();

  /** The names of the current policies, in config order. */
  List<String> policyNames();

  /**
   * Decides every trace whose first span arrived decision_wait ago or earlier, and passes kept ones
   * on. The ticker calls it; public so benchmarks can drive decisions on their own clock.
   */
  void decideDue();
}
