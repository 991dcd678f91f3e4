package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/** What a {@code span} condition looks at. */
public record SpanItem(Resource resource, InstrumentationScope scope, Span span)
    implements Scoped {}
