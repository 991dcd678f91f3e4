package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/** A buffered span with the resource and scope it arrived under (shared, not copied). */
public record SpanRef(Resource resource, InstrumentationScope scope, Span span) {}
