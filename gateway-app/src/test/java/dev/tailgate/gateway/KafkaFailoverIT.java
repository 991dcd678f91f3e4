package dev.tailgate.gateway;

import static dev.tailgate.gateway.KafkaReceiverEndToEndTest.GROUP;
import static dev.tailgate.gateway.KafkaReceiverEndToEndTest.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayProcess;
import dev.tailgate.gateway.testing.KafkaBroker;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover of the sampling tier (issue 10): a real broker (KRaft, in this JVM) with a 4-partition
 * topic of OTLP trace records (one trace per record, keyed by trace id, every 4th trace with an
 * ERROR span) written while two gateway replicas run as separate processes of the shaded jar in one
 * consumer group (kafka receiver -> tail_sampling errors-only -> otlp exporter) into one OTLP
 * backend in this JVM. One replica is killed with SIGKILL mid-stream, holding traces it consumed
 * but had not committed; after the rebalance the survivor owns every partition from the dead one's
 * last commit. Every error trace arrives complete, no other trace does, the committed offsets reach
 * the end; a trace that arrives more than once (allowed: at least once) must be one the dead
 * replica consumed past its last commit, and the count is printed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaFailoverIT {
  private static final Path JAR =
      Path.of(System.getProperty("basedir", ".")).resolve("target/tailgate.jar");
  private static final int PARTITIONS = 4;
  private static final int TRACES = 800;
  private static final int ERROR_EVERY = 4;
  private static final int SPANS_PER_TRACE = 3;
  private static final long PRODUCE_PAUSE_MS = 20; // ~50 traces/s: the stream lasts ~16 s
  private static final int SIGKILL_EXIT_CODE = 128 + 9;
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration ARRIVAL = Duration.ofSeconds(120);
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path work;

  private GatewayProcess startReplica(String name, KafkaBroker broker, int backendPort)
      throws Exception {
    int adminPort = FreePorts.next();
    String yaml =
        """
        receivers:
          kafka:
            brokers: [%s]
            client_id: %s
            group_id: %s
            initial_offset: earliest
            traces: { topic: %s }
            session_timeout: 6s
            heartbeat_interval: 1s
            revocation_timeout: 10s
        processors:
          tail_sampling:
            decision_wait: 2s
            policies: [ { name: errors, type: status_code, status_code: { status_codes: [ERROR] } } ]
        exporters:
          otlp:
            endpoint: 127.0.0.1:%d
            tls: { insecure: true }
            timeout: 5s
            retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
            sending_queue: { queue_size: 1000, num_consumers: 2 }
        service:
          pipelines:
            traces: { receivers: [kafka], processors: [tail_sampling], exporters: [otlp] }
        server:
          adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: %d } ]
          requestLog: { appenders: [] }
        logging: { level: WARN }
        """
            .formatted(broker.bootstrapServers(), name, GROUP, TOPIC, backendPort, adminPort);
    Path config = Files.writeString(work.resolve(name + ".yml"), yaml);
    return GatewayProcess.start(JAR, config, work.resolve(name + ".out"), adminPort);
  }

  @Test
  void killNineOfOneReplicaMidStreamLosesNoErrorTrace() throws Exception {
    long started = System.nanoTime();
    ExecutorService producerThread = Executors.newSingleThreadExecutor();
    try (KafkaBroker broker = KafkaBroker.start("failover");
        OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayProcess victim = startReplica("replica-a", broker, backend.port());
        GatewayProcess survivor = startReplica("replica-b", broker, backend.port())) {
      broker.createTopic(TOPIC, PARTITIONS);
      assertThat(victim.awaitReady(STARTUP)).as("replica-a ready: %s", victim.output()).isTrue();
      assertThat(survivor.awaitReady(STARTUP))
          .as("replica-b ready: %s", survivor.output())
          .isTrue();
      assertThat(
              Await.until(
                  () -> {
                    Map<String, Set<TopicPartition>> a = assignment(broker);
                    return a.getOrDefault("replica-a", Set.of()).size() == PARTITIONS / 2
                        && a.getOrDefault("replica-b", Set.of()).size() == PARTITIONS / 2;
                  },
                  STARTUP))
          .as("both replicas in the group, two partitions each: %s", assignment(broker))
          .isTrue();
      Set<TopicPartition> victimPartitions = assignment(broker).get("replica-a");

      // The stream: traces written one by one while the replicas consume.
      Map<String, TopicPartition> partitionOf = new ConcurrentHashMap<>();
      Map<String, Long> offsetOf = new ConcurrentHashMap<>();
      Set<String> errorTraces = ConcurrentHashMap.newKeySet();
      AtomicInteger produced = new AtomicInteger();
      Future<?> producing =
          producerThread.submit(
              () -> {
                produce(broker, partitionOf, offsetOf, errorTraces, produced);
                return null;
              });

      // Mid-stream: the victim has taken some records, the producer is far from done.
      assertThat(
              Await.until(
                  () -> victim.metricSum("tailgate_receiver_kafka_records_total") >= 100, ARRIVAL))
          .as("replica-a consumed records")
          .isTrue();
      double consumedByVictim = victim.metricSum("tailgate_receiver_kafka_records_total");
      int producedAtKill = produced.get();
      assertThat(producedAtKill).as("killed mid-stream").isLessThan(TRACES);
      assertThat(victim.kill9()).isEqualTo(SIGKILL_EXIT_CODE);
      // Dead: nothing more is committed for its partitions until the survivor takes them over
      // (session_timeout later), and the survivor starts there.
      Map<TopicPartition, Long> committedAtKill = KafkaReceiverEndToEndTest.committed(broker);
      System.out.printf(
          "KafkaFailoverIT: killed replica-a (partitions %s) after it took %.0f records; "
              + "%d of %d traces produced; committed at kill %s%n",
          victimPartitions, consumedByVictim, producedAtKill, TRACES, committedAtKill);

      producing.get(2, TimeUnit.MINUTES);
      assertThat(
              Await.until(
                  () -> assignment(broker).getOrDefault("replica-b", Set.of()).size() == PARTITIONS,
                  ARRIVAL))
          .as("after the rebalance the survivor owns every partition: %s", assignment(broker))
          .isTrue();

      assertThat(Await.until(() -> arrivals(backend).keySet().containsAll(errorTraces), ARRIVAL))
          .as("every error trace arrives; missing: %s", missing(errorTraces, backend))
          .isTrue();
      assertThat(Await.until(() -> KafkaReceiverEndToEndTest.committedReachEnd(broker), ARRIVAL))
          .as("the survivor commits to the end of every partition")
          .isTrue();
      Thread.sleep(1000); // anything still in flight lands before the counts are taken

      Map<String, Set<String>> spans = distinctSpans(backend);
      Map<String, Integer> arrivals = arrivals(backend);
      assertThat(errorTraces).hasSize(TRACES / ERROR_EVERY);
      assertThat(arrivals.keySet()).as("exactly the error traces").isEqualTo(errorTraces);
      assertThat(spans.values())
          .as("each error trace complete")
          .allMatch(s -> s.size() == SPANS_PER_TRACE);
      assertThat(arrivals.values())
          .as("whole copies of a trace only")
          .allMatch(n -> n % SPANS_PER_TRACE == 0);

      // The kill left work behind: records the victim had taken but not committed, read again by
      // the survivor.
      long committedOnVictimPartitions =
          victimPartitions.stream().mapToLong(p -> committedAtKill.getOrDefault(p, 0L)).sum();
      double takenAgain = consumedByVictim - committedOnVictimPartitions;
      assertThat(takenAgain).as("records the dead replica took but had not committed").isPositive();
      assertThat(survivor.metricSum("tailgate_receiver_kafka_records_total"))
          .as("the survivor read its partitions and the dead one's from its last commit")
          .isEqualTo(TRACES - committedOnVictimPartitions);

      Set<String> duplicated =
          arrivals.entrySet().stream()
              .filter(e -> e.getValue() > SPANS_PER_TRACE)
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      int extraCopies = arrivals.values().stream().mapToInt(n -> n / SPANS_PER_TRACE - 1).sum();
      // Only a record the dead replica consumed past its last commit is consumed again.
      Set<String> unexplained =
          duplicated.stream()
              .filter(
                  t -> {
                    TopicPartition partition = partitionOf.get(t);
                    return !victimPartitions.contains(partition)
                        || offsetOf.get(t) < committedAtKill.getOrDefault(partition, 0L);
                  })
              .collect(Collectors.toSet());
      assertThat(unexplained)
          .as("duplicates not from the dead replica's uncommitted records")
          .isEmpty();
      assertThat(duplicated.size())
          .as("duplicates within what the dead replica had consumed")
          .isLessThanOrEqualTo(errorTraces.size() / 2);
      System.out.printf(
          "KafkaFailoverIT: %d error traces of %d arrived complete; %d arrived more than once (%d"
              + " extra copies); at least %.0f records taken but not committed by the dead replica"
              + " were read again; survivor redelivered %.0f; took %d s%n",
          arrivals.size(),
          TRACES,
          duplicated.size(),
          extraCopies,
          takenAgain,
          survivor.metricSum("tailgate_receiver_kafka_redelivered_records_total"),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    } finally {
      producerThread.shutdownNow();
    }
  }

  private static void produce(
      KafkaBroker broker,
      Map<String, TopicPartition> partitionOf,
      Map<String, Long> offsetOf,
      Set<String> errorTraces,
      AtomicInteger produced)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < TRACES; i++) {
        byte[] traceId = KafkaReceiverEndToEndTest.traceId(i);
        String id = HEX.formatHex(traceId);
        boolean error = i % ERROR_EVERY == 0;
        ExportTraceServiceRequest trace = KafkaReceiverEndToEndTest.trace(traceId, error);
        RecordMetadata meta =
            producer.send(new ProducerRecord<>(TOPIC, id.getBytes(), trace.toByteArray())).get();
        partitionOf.put(id, new TopicPartition(meta.topic(), meta.partition()));
        offsetOf.put(id, meta.offset());
        if (error) {
          errorTraces.add(id);
        }
        produced.incrementAndGet();
        Thread.sleep(PRODUCE_PAUSE_MS);
      }
    }
  }

  /** The group's members by client id (the replica's name) with their partitions. */
  private static Map<String, Set<TopicPartition>> assignment(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      Map<String, Set<TopicPartition>> byMember = new HashMap<>();
      for (MemberDescription member : group.members()) {
        byMember
            .computeIfAbsent(member.clientId(), k -> new HashSet<>())
            .addAll(member.assignment().topicPartitions());
      }
      return byMember;
    } catch (Exception e) {
      return Map.of();
    }
  }

  /** Spans received per trace id, counting every copy. */
  private static Map<String, Integer> arrivals(OtlpBackend backend) {
    return KafkaReceiverEndToEndTest.receivedTraces(backend);
  }

  /** Distinct span ids received per trace id. */
  private static Map<String, Set<String>> distinctSpans(OtlpBackend backend) {
    Map<String, Set<String>> spans = new HashMap<>();
    for (ExportTraceServiceRequest request : backend.traces.batches()) {
      request
          .getResourceSpansList()
          .forEach(
              r ->
                  r.getScopeSpansList()
                      .forEach(
                          s ->
                              s.getSpansList()
                                  .forEach(
                                      span ->
                                          spans
                                              .computeIfAbsent(
                                                  HEX.formatHex(span.getTraceId().toByteArray()),
                                                  k -> new HashSet<>())
                                              .add(
                                                  HEX.formatHex(span.getSpanId().toByteArray())))));
    }
    return spans;
  }

  private static Set<String> missing(Set<String> expected, OtlpBackend backend) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(arrivals(backend).keySet());
    return missing;
  }
}
