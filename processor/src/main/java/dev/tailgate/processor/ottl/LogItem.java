package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;

/** What a {@code log_record} condition looks at. */
public record LogItem(Resource resource, InstrumentationScope scope, LogRecord log)
    implements Scoped {}
