package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import dev.tailgate.processor.tailsampling.peers.PeerRoutingProcessor;
import dev.tailgate.processor.tailsampling.policy.PolicyFactory;
import java.util.Set;

/**
 * {@code tail_sampling}: traces only, as sampling decides whole traces. With {@code peers}, the
 * local processor is wrapped in the router that sends it the spans of the traces it owns.
 */
public final class TailSamplingProcessorFactory implements ProcessorFactory<TailSamplingConfig> {
  // The processor takes and passes on traces; these type the pipeline's next consumer and the
  // processor by the signal the pipeline asks for, which the check in create makes TRACES.
  private static final SignalMap.Kind CONSUMER = new SignalMap.Kind("tail sampling next");
  private static final SignalMap.Kind PROCESSOR = new SignalMap.Kind("tail sampling processor");

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
  public <T> Processor<T> create(
      ComponentSettings settings, TailSamplingConfig config, Signal<T> signal, Consumer<T> next) {
    if (signal != Signal.TRACES) {
      throw new IllegalArgumentException(
          "tail_sampling processes traces only, not " + signal.name());
    }
    PolicyFactory policies = new PolicyFactory(settings.clock());
    TailSamplingProcessor local =
        new LocalTailSamplingProcessor(
            settings,
            config,
            SignalMap.of(consumer(signal), next).get(consumer(Signal.TRACES)).orElseThrow(),
            policies::create);
    TailSamplingProcessor processor =
        config.peers() == null ? local : PeerRoutingProcessor.wrap(settings, config.peers(), local);
    return SignalMap.of(processor(Signal.TRACES), processor).get(processor(signal)).orElseThrow();
  }

  private static <T> SignalMap.Key<Consumer<T>> consumer(Signal<T> signal) {
    return CONSUMER.key(signal);
  }

  private static <T> SignalMap.Key<Processor<T>> processor(Signal<T> signal) {
    return PROCESSOR.key(signal);
  }
}
