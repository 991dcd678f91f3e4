package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Collector block holding only {@code enabled} ({@code *_dynamic_index}, ...). */
public record EnabledFlag(@JsonProperty("enabled") Boolean enabled) {

  boolean on() {
    return enabled != null && enabled;
  }
}
