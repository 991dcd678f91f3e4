package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/** An item with the resource and instrumentation scope it was sent under. */
public interface Scoped {
  Resource resource();

  InstrumentationScope scope();
}
