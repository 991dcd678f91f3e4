package dev.tailgate.pipeline;

import java.util.Set;

/**
 * Makes components of one type, named as in config.yml ({@code otlp}, {@code batch}, ...). Knows
 * its config class (a record that may implement {@code Validatable}) and the signals it supports.
 */
public interface Factory<C> {
  String type();

  Class<C> configType();

  Set<Signal<?>> signals();
}
