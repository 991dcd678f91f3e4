package dev.tailgate.processor.tailsampling;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * The resource and scope a span arrived under, with their schema URLs. One instance per incoming
 * scope, shared by all its buffered spans; it never refers to the incoming request itself, so
 * the spans of other traces in that request are not kept alive by it.
 */
record Origin(Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl) {}
