package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * An attribute list as a path reads it, not yet converted: {@code attributes["k"]} looks up one key
 * without turning the whole list into a map.
 */
record Attributes(List<KeyValue> list) {}
