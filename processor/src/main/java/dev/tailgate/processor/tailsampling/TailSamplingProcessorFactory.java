package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.tailsampling.peers.PeerRoutingProcessor;
import dev.tailgate.processor.tailsampling.policy.PolicyFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Set;

/**
 * {@code tail_sampling}: traces only, as sampling decides whole traces. With {@code peers}, the
 * local processor is wrapped in the router that sends it the spans of the traces it owns.
 */
public final class TailSamplingProcessorFactory implements ProcessorFactory<TailSamplingConfig> {

  @Override
  public String type() {
    return "tail_sampling";
  }

  @Override
  public Class<TailSamplingConfig> configType() {
    return TailSamplingConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.of(Signal.TRACES);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Processor<T> create(
      ComponentSettings settings, TailSamplingConfig config, Signal<T> signal, Consumer<T> next) {
    if (signal != Signal.TRACES) {
      throw new IllegalArgumentException(
          "tail_sampling processes traces only, not " + signal.name());
    }
    PolicyFactory policies = new PolicyFactory(settings.clock());
    TailSamplingProcessor local =
        new LocalTailSamplingProcessor(
            settings, config, (Consumer<ExportTraceServiceRequest>) next, policies::create);
    TailSamplingProcessor processor =
        config.peers() == null ? local : PeerRoutingProcessor.wrap(settings, config.peers(), local);
    return (Processor<T>) processor;
  }
}
