package dev.tailgate.exporter.kafka;

import static dev.tailgate.exporter.kafka.KafkaTestData.resource;
import static dev.tailgate.exporter.kafka.KafkaTestData.span;
import static dev.tailgate.exporter.kafka.KafkaTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaSenderTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Counter records = meters.counter("records");
  private final Counter bytes = meters.counter("bytes");
  private final Batch<ExportTraceServiceRequest> threeTraces =
      Batch.of(Signal.TRACES, traces(resource("cart", span(1, "a"), span(2, "b"), span(3, "c"))));

  @Test
  void writesOneRecordPerTraceAndCountsThem() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    sender(producer, 0).send(threeTraces, Duration.ofSeconds(1));

    assertThat(producer.history())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo("otlp_spans"));
    assertThat(records.count()).isEqualTo(3);
    assertThat(bytes.count())
        .isEqualTo(producer.history().stream().mapToInt(r -> r.value().length).sum());
  }

  @Test
  void aRetryWritesOnlyTheRecordsNotYetAcknowledged() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaSender<ExportTraceServiceRequest> sender = sender(producer, 0);
    completeLater(
        producer,
        () -> {
          producer.completeNext();
          producer.errorNext(new NotEnoughReplicasException("1 of 3 in sync"));
          producer.completeNext();
        });

    assertThatThrownBy(() -> sender.send(threeTraces, Duration.ofSeconds(5)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("2 of 3 records written")
        .hasMessageContaining("NotEnoughReplicas");
    completeLater(producer, producer::completeNext);
    sender.send(threeTraces, Duration.ofSeconds(5));

    assertThat(producer.history()).hasSize(4);
    assertThat(records.count()).isEqualTo(3);
  }

  @Test
  void unansweredRecordsAreRetryableAndNotWrittenTwice() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaSender<ExportTraceServiceRequest> sender = sender(producer, 0);

    assertThatThrownBy(() -> sender.send(threeTraces, Duration.ofMillis(50)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("3 records unanswered");
    // Acknowledged after the attempt gave up: the retry finds them written.
    while (producer.completeNext()) {}
    sender.send(threeTraces, Duration.ofSeconds(5));

    assertThat(producer.history()).hasSize(3);
    assertThat(records.count()).isEqualTo(3);
  }

  @Test
  void aRecordTooLargeOrAnUnauthorizedTopicIsPermanent() {
    for (RuntimeException refusal :
        new RuntimeException[] {
          new RecordTooLargeException("too big"), new TopicAuthorizationException("no")
        }) {
      MockProducer<byte[], byte[]> producer =
          new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
      completeLater(
          producer,
          () -> {
            producer.errorNext(refusal);
            while (producer.completeNext()) {}
          });

      assertThatThrownBy(() -> sender(producer, 0).send(threeTraces, Duration.ofSeconds(5)))
          .isInstanceOf(PermanentException.class)
          .hasCause(refusal);
    }
  }

  @Test
  void aProducerLeftBrokenByAnAuthenticationFailureIsReplacedAndTheNextBatchGoesThrough() {
    MockProducer<byte[], byte[]> broken =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    MockProducer<byte[], byte[]> fresh =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    java.util.Iterator<MockProducer<byte[], byte[]>> producers =
        java.util.List.of(broken, fresh).iterator();
    KafkaProducerClient client = new KafkaProducerClient(producers::next);
    KafkaSender<ExportTraceServiceRequest> sender = sender(client, 0);
    completeLater(
        broken,
        () -> {
          while (broken.errorNext(new SaslAuthenticationException("no such user"))) {
            // every record the batch wrote fails to authenticate
          }
        });

    assertThatThrownBy(() -> sender.send(threeTraces, Duration.ofSeconds(5)))
        .isInstanceOf(PermanentException.class);
    sender.send(
        Batch.of(Signal.TRACES, traces(resource("cart", span(4, "d")))), Duration.ofSeconds(5));

    assertThat(client.producer()).isSameAs(fresh);
    assertThat(broken.closed()).isTrue();
    assertThat(fresh.history()).hasSize(1);
  }

  @Test
  void theSuccessorOfABrokenProducerIsMadeOnlyWhenTheNextBatchIsSent() {
    MockProducer<byte[], byte[]> broken =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    MockProducer<byte[], byte[]> fresh =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    java.util.Iterator<MockProducer<byte[], byte[]>> producers =
        java.util.List.of(broken, fresh).iterator();
    KafkaProducerClient client = new KafkaProducerClient(producers::next);
    KafkaSender<ExportTraceServiceRequest> sender = sender(client, 0);
    completeLater(
        broken,
        () -> {
          while (broken.errorNext(new SaslAuthenticationException("no such user"))) {
            // every record the batch wrote fails to authenticate
          }
        });

    assertThatThrownBy(() -> sender.send(threeTraces, Duration.ofSeconds(5)))
        .isInstanceOf(PermanentException.class);

    assertThat(broken.closed()).isTrue();
    assertThat(producers.hasNext())
        .as("no successor yet: made now, it would meet the old credentials in the background")
        .isTrue();
    sender.send(
        Batch.of(Signal.TRACES, traces(resource("cart", span(4, "d")))), Duration.ofSeconds(5));
    assertThat(producers.hasNext()).isFalse();
    assertThat(fresh.history()).hasSize(1);
  }

  @Test
  void flushMaxMessagesBoundsTheRecordsInFlight() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

    assertThatThrownBy(() -> sender(producer, 2).send(threeTraces, Duration.ofMillis(100)))
        .isInstanceOf(RetryableException.class);
    assertThat(producer.history()).as("the third waits for room").hasSize(2);
  }

  private KafkaSender<ExportTraceServiceRequest> sender(
      MockProducer<byte[], byte[]> producer, int window) {
    return sender(new KafkaProducerClient(() -> producer), window);
  }

  private KafkaSender<ExportTraceServiceRequest> sender(KafkaProducerClient client, int window) {
    KafkaMessages<ExportTraceServiceRequest> messages =
        new KafkaMessages<>(
            KafkaEncoding.OTLP_PROTO,
            new TracesByTraceId(),
            new SizeSplitter<>(Signal.TRACES, KafkaEncoding.OTLP_PROTO, 1_000_000));
    return new KafkaSender<>(client, "otlp_spans", messages, window, records, bytes);
  }

  /**
   * Answers for the broker once the sender has written: MockProducer completes from the test's
   * side.
   */
  private static void completeLater(MockProducer<byte[], byte[]> producer, Runnable answers) {
    int before = producer.history().size();
    Thread thread =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
              while (producer.history().size() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                return;
              }
              answers.run();
            });
    thread.setDaemon(true);
    thread.start();
  }
}
