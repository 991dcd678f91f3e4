package dev.tailgate.pipeline.config;

/** A config value that checks itself after binding, reporting each problem with its key. */
public interface Validatable {
  void validate(ConfigErrors errors);
}
