package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;

/** What a {@code metric} condition looks at. */
public record MetricItem(Resource resource, InstrumentationScope scope, Metric metric)
    implements Scoped {}
