package dev.tailgate.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@link KafkaBroker} as a process of its own, for bench/kafka-1g.sh: a benchmark must measure the
 * gateway's CPU alone, so the broker cannot share its JVM. Creates the given topic, writes the
 * bootstrap address to a file once the broker accepts clients, and runs until the process is
 * stopped (a shutdown hook stops the broker and deletes its log dir).
 *
 * <p>Arguments: {@code <ready-file> <topic> <partitions>}.
 */
public final class StandaloneKafkaBroker {
  private StandaloneKafkaBroker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: StandaloneKafkaBroker <ready-file> <topic> <partitions>");
      System.exit(2);
    }
    Path readyFile = Path.of(args[0]);
    KafkaBroker broker = KafkaBroker.start("bench");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    broker.createTopic(args[1], Integer.parseInt(args[2]));
    // Written last and atomically, so a reader that sees the file can connect.
    Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".partial");
    Files.writeString(partial, broker.bootstrapServers(), StandardCharsets.UTF_8);
    Files.move(partial, readyFile);
    stopped.await();
  }
}
