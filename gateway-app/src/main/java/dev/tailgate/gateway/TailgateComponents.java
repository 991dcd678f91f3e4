package dev.tailgate.gateway;

import dev.tailgate.exporter.debug.DebugExporterFactory;
import dev.tailgate.exporter.elasticsearch.ElasticsearchExporterFactory;
import dev.tailgate.exporter.jaeger.JaegerExporterFactory;
import dev.tailgate.exporter.kafka.KafkaExporterFactory;
import dev.tailgate.exporter.otlp.OtlpExporterFactory;
import dev.tailgate.exporter.otlphttp.OtlpHttpExporterFactory;
import dev.tailgate.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterFactory;
import dev.tailgate.pipeline.FactoryRegistry;
import dev.tailgate.processor.batch.BatchProcessorFactory;
import dev.tailgate.processor.filter.FilterProcessorFactory;
import dev.tailgate.processor.memorylimiter.MemoryLimiterProcessorFactory;
import dev.tailgate.processor.redaction.RedactionProcessorFactory;
import dev.tailgate.processor.tailsampling.TailSamplingProcessorFactory;
import dev.tailgate.receiver.kafka.KafkaReceiverFactory;
import dev.tailgate.receiver.otlp.OtlpReceiverFactory;
import java.util.List;

/** Every component type the gateway ships, by the names config.yml uses. */
final class TailgateComponents {
  private TailgateComponents() {}

  static FactoryRegistry registry() {
    return new FactoryRegistry(
        List.of(new OtlpReceiverFactory(), new KafkaReceiverFactory()),
        List.of(
            new BatchProcessorFactory(),
            new FilterProcessorFactory(),
            new MemoryLimiterProcessorFactory(),
            new RedactionProcessorFactory(),
            new TailSamplingProcessorFactory()),
        List.of(
            new OtlpExporterFactory(),
            new OtlpHttpExporterFactory(),
            OtlpHttpExporterFactory.alias(),
            new DebugExporterFactory(),
            new JaegerExporterFactory(),
            new PrometheusRemoteWriteExporterFactory(),
            PrometheusRemoteWriteExporterFactory.alias(),
            new ElasticsearchExporterFactory(),
            new KafkaExporterFactory()));
  }
}
