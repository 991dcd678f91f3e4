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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) in the test JVM, on free
 * loopback ports with a temporary log dir. Its {@code PLAINTEXT} listener ({@link
 * #bootstrapServers()}) serves the test's own clients; {@link #start(String, Security)} adds a
 * {@code SECURE} listener ({@link #secureBootstrapServers()}) with SASL and/or TLS for the clients
 * under test. {@link #stop()} and {@link #start()} take it down and bring it back on the same ports
 * and data (a broker outage); {@link #close()} stops it and deletes the dir.
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
  private final int securePort;
  private final Security security;
  private final Properties props;
  private KafkaRaftServer server;

  /**
   * The {@code SECURE} listener's terms: its security protocol ({@code SASL_PLAINTEXT}, {@code SSL}
   * or {@code SASL_SSL}), the PLAIN users and their passwords (SCRAM users are added with {@link
   * #addScramUser} once the broker runs), and for TLS the server certificate and its PKCS#8 key as
   * PEM files. Every SASL listener enables PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.
   */
  public record Security(
      String protocol, Map<String, String> plainUsers, Path certFile, Path keyFile) {
    public Security {
      plainUsers = Map.copyOf(plainUsers);
      if (!Set.of("SASL_PLAINTEXT", "SSL", "SASL_SSL").contains(protocol)) {
        throw new IllegalArgumentException("not a secure protocol: " + protocol);
      }
      if (protocol.endsWith("SSL") && (certFile == null || keyFile == null)) {
        throw new IllegalArgumentException(protocol + " needs a certificate and key");
      }
    }

    public static Security saslPlaintext(Map<String, String> plainUsers) {
      return new Security("SASL_PLAINTEXT", plainUsers, null, null);
    }

    public static Security ssl(Path certFile, Path keyFile) {
      return new Security("SSL", Map.of(), certFile, keyFile);
    }

    public static Security saslSsl(Map<String, String> plainUsers, Path certFile, Path keyFile) {
      return new Security("SASL_SSL", plainUsers, certFile, keyFile);
    }

    boolean sasl() {
      return protocol.startsWith("SASL");
    }

    boolean tls() {
      return protocol.endsWith("SSL");
    }
  }

  private KafkaBroker(Path dir, int port, int controllerPort, int securePort, Security security) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.securePort = securePort;
    this.security = security;
    this.props = brokerProperties(dir.resolve("log"), port, controllerPort);
    if (security != null) {
      secureListener(props, port, controllerPort, securePort, security);
    }
  }

  /** Formats a fresh log dir and starts the broker; returns once it accepts clients. */
  public static KafkaBroker start(String name) {
    return start(name, null);
  }

  /**
   * As {@link #start(String)}, with a second client listener, {@code SECURE}, on its own port with
   * {@code security}'s terms (none when null).
   */
  public static KafkaBroker start(String name, Security security) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kafka-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KafkaBroker broker =
        new KafkaBroker(
            dir,
            FreePorts.next(),
            FreePorts.next(),
            security == null ? -1 : FreePorts.next(),
            security);
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

  /** The {@code SECURE} listener's address. */
  public String secureBootstrapServers() {
    if (securePort < 0) {
      throw new IllegalStateException("started without a Security: no SECURE listener");
    }
    return "127.0.0.1:" + securePort;
  }

  /**
   * Adds (or replaces) a SCRAM user, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, through the
   * Admin API on the plaintext listener; returns once every broker knows it.
   */
  public void addScramUser(String mechanism, String user, String password) {
    ScramMechanism scram = ScramMechanism.fromMechanismName(mechanism);
    if (scram == ScramMechanism.UNKNOWN) {
      throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
    }
    try (Admin admin = admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user, new ScramCredentialInfo(scram, 4096), password)))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("add SCRAM user " + user, e.getCause());
    }
    // The credential is a metadata record the broker's authenticator applies a moment after the
    // controller took it: wait until the user can log in on the SECURE listener.
    if (security != null && security.sasl()) {
      awaitLogin(mechanism, user, password);
    }
  }

  private void awaitLogin(String mechanism, String user, String password) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secureBootstrapServers());
    p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, security.protocol());
    p.put(SaslConfigs.SASL_MECHANISM, mechanism);
    p.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    if (security.tls()) {
      // The broker's own certificate as the trust anchor: this probe checks the login, not TLS.
      p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, readString(security.certFile()));
    }
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ExecutionException last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = Admin.create(p)) {
        admin.describeCluster().nodes().get();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        last = e; // SaslAuthenticationException until the broker has the credential
      }
      sleep(50);
    }
    throw new IllegalStateException("SCRAM user " + user + " cannot log in after 10 s", last);
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

  /**
   * Adds the {@code SECURE} client listener: advertised beside {@code PLAINTEXT}, so a client that
   * bootstraps on it is sent its own listener's address in metadata. The broker's own traffic stays
   * on the plaintext listeners.
   */
  private static void secureListener(
      Properties p, int port, int controllerPort, int securePort, Security security) {
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + port
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort
            + ",SECURE://127.0.0.1:"
            + securePort);
    p.put(
        "advertised.listeners",
        "PLAINTEXT://127.0.0.1:" + port + ",SECURE://127.0.0.1:" + securePort);
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:" + security.protocol());
    String prefix = "listener.name.secure.";
    if (security.sasl()) {
      p.put(prefix + "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
      StringBuilder plain =
          new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      security
          .plainUsers()
          .forEach(
              (user, password) ->
                  plain.append(" user_").append(user).append("=\"").append(password).append('"'));
      p.put(prefix + "plain.sasl.jaas.config", plain.append(';').toString());
      String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
      p.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
      p.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
    }
    if (security.tls()) {
      // PEM inline: the certificate (chain) and its unencrypted PKCS#8 key, as the files hold them.
      p.put(prefix + "ssl.keystore.type", "PEM");
      p.put(prefix + "ssl.keystore.certificate.chain", readString(security.certFile()));
      p.put(prefix + "ssl.keystore.key", readString(security.keyFile()));
      p.put(prefix + "ssl.client.auth", "none");
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
