package dev.tailgate.pipeline;

import java.util.List;

/**
 * A component whose settings can change while it runs, keeping what it holds (buffered traces,
 * waiting batches): the gateway hands it its entry of an edited config.yml, bound to {@link
 * #configType()} and validated. Called from the reload thread while data flows; implementations
 * swap their settings atomically.
 */
public interface Reconfigurable<C> {

  /** The id of the component in config.yml, e.g. {@code redaction/pii}. */
  String id();

  Class<C> configType();

  /**
   * Applies {@code config}.
   *
   * @return what changed, one line each, including changed keys that wait for a restart
   */
  List<String> reconfigure(C config);
}
