package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.tailsampling.peers.PeerRouter;
import dev.tailgate.processor.tailsampling.policy.PolicyFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Set;
import java.util.function.Function;

/** {@code tail_sampling}: traces only, as sampling decides whole traces. */
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
  public <T> Processor<T> create(ComponentSettings settings, TailSamplingConfig config, Signal<T> signal, Consumer<T> next) {
    if (signal != Signal.TRACES) {
      throw new IllegalArgumentException("tail_sampling processes traces only, not " + signal.name());
    }
    PolicyFactory policies = new PolicyFactory(settings.clock());
    Function<Consumer<ExportTraceServiceRequest>, PeerRouter> peers =
        config.peers() == null ? null : local -> PeerRouter.create(settings, config.peers(), local);
    return (Processor<T>)
        new TailSamplingProcessor(settings, config, (Consumer<ExportTraceServiceRequest>) next, policies::create, peers);
  }
}
