package dev.tailgate.processor.ottl;

import com.google.protobuf.MessageOrBuilder;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * What a {@code datapoint} condition looks at: one point (a {@code NumberDataPoint}, {@code
 * HistogramDataPoint}, {@code ExponentialHistogramDataPoint} or {@code SummaryDataPoint}) and the
 * metric it belongs to.
 */
public record DataPointItem(MetricItem metric, MessageOrBuilder point) implements Scoped {
  @Override
  public Resource resource() {
    return metric.resource();
  }

  @Override
  public InstrumentationScope scope() {
    return metric.scope();
  }
}
