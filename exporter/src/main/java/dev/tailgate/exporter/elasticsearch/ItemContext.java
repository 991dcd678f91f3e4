package dev.tailgate.exporter.elasticsearch;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * What a document is written with besides its item: the item's resource and scope, and its target.
 */
record ItemContext(Resource resource, InstrumentationScope scope, Target target) {}
