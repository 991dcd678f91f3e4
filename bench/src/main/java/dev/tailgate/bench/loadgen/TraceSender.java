package dev.tailgate.bench.loadgen;

/** Sends one of the pre-built requests; one instance per worker thread. */
public interface TraceSender extends AutoCloseable {
  SendResult send(int payloadIndex);

  @Override
  void close();
}
