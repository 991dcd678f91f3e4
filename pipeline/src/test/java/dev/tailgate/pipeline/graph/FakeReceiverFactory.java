package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ReceiverFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Makes receivers that only log their lifecycle and keep the consumers they were given. */
final class FakeReceiverFactory implements ReceiverFactory<FakeConfig> {
  private final String type;
  private final Set<Signal<?>> signals;
  private final LifecycleLog log;
  private final List<FakeReceiver> created = new ArrayList<>();

  FakeReceiverFactory(String type, Set<Signal<?>> signals, LifecycleLog log) {
    this.type = type;
    this.signals = signals;
    this.log = log;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Class<FakeConfig> configType() {
    return FakeConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return signals;
  }

  @Override
  public Receiver create(ComponentSettings settings, FakeConfig config, SignalConsumers next) {
    FakeReceiver receiver = new FakeReceiver(settings.id(), next, log);
    created.add(receiver);
    return receiver;
  }

  List<FakeReceiver> created() {
    return List.copyOf(created);
  }

  record FakeReceiver(ComponentId id, SignalConsumers next, LifecycleLog log) implements Receiver {
    @Override
    public void start() {
      log.add("start receiver " + id);
    }

    @Override
    public void shutdown() {
      log.add("shutdown receiver " + id);
    }
  }
}
