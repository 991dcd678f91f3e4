package dev.tailgate.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) in the test JVM, on free
 * loopback ports with a temporary log dir. {@link #stop()} and {@link #start()} take it down and
 * bring it back on the same ports and data (a broker outage); {@link #close()} stops it and deletes
 * the dir.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class KafkaBroker implements AutoCloseable {
  static {
    // A fatal fault in the broker calls Exit.halt/exit, which would end the whole test JVM
    // (surefire
    // reports "the forked VM terminated"); turn it into an exception in the thread that hit it.
    Exit.setHaltProcedure(
        (status, message) -> {
          throw new IllegalStateException("Kafka broker halted (" + status + "): " + message);
        });
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException("Kafka broker exited (" + status + "): " + message);
        });
  }

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final Properties props;
  private KafkaRaftServer server;

  private KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.props = brokerProperties(dir.resolve("log"), port, controllerPort);
  }

  /** Formats a fresh log dir and starts the broker; returns once it accepts clients. */
  public static KafkaBroker start(String name) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kafka-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KafkaBroker broker = new KafkaBroker(dir, FreePorts.next(), FreePorts.next());
    try {
      broker.format();
      broker.start();
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return server != null;
  }

  /** Starts the broker again after {@link #stop()}, on the same ports and with the same data. */
  public void start() {
    if (server != null) {
      return;
    }
    KafkaRaftServer raftServer =
        new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    raftServer.startup();
    server = raftServer;
    awaitReady();
  }

  /** Stops the broker (a controlled shutdown); its data and ports stay for {@link #start()}. */
  public void stop() {
    if (server == null) {
      return;
    }
    KafkaRaftServer raftServer = server;
    server = null;
    raftServer.shutdown();
    raftServer.awaitShutdown();
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("create topic " + topic, e.getCause());
    }
  }

  /**
   * Every record the topic holds now, read from the start of each partition to its end offset with
   * a plain consumer (no group, nothing committed), so a test can call it repeatedly while polling.
   */
  public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> partitions =
          infos.stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end offsets " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // A poll may return records past the end offsets taken above (a producer still writing).
      records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
      return records;
    }
  }

  /** The number of partitions the topic has (auto-created topics get num.partitions, 1). */
  public int partitions(String topic) {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(Set.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("describe topic " + topic, e.getCause());
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      deleteRecursively(dir);
    }
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Committed transactions only: the exporter's idempotent producer writes no transactions, but a
    // reader of a topic must not count aborted data if one ever does.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(p);
  }

  /** Waits until the broker has registered with its controller and answers metadata requests. */
  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get().isEmpty()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | RuntimeException e) {
        last = new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "Kafka broker on " + bootstrapServers() + " not ready in 30 s", last);
  }

  /**
   * What `kafka-storage format` does, through the library it calls: StorageTool itself needs
   * argparse4j 0.7, and Dropwizard's commands pin 0.9, which lacks a class StorageTool loads.
   */
  private void format() {
    String logDir = dir.resolve("log").toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(print)
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir)
          .setDirectories(List.of(logDir))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("formatting the Kafka log dir failed: " + output, e);
    }
  }

  private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic with replication factor 1 and min ISR 1.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    // A consumer group forms at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // The log cleaner would allocate a 128 MB dedupe buffer on the test heap.
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
