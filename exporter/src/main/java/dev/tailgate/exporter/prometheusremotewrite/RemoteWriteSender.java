package dev.tailgate.exporter.prometheusremotewrite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * One attempt at a batch: deltas made cumulative, translated, split, compressed, posted. The
 * exporter helper calls again with the same {@link Batch} object to retry, so the prepared requests
 * are kept per batch object (by identity, weakly) until it is done: a retry must not add the same
 * deltas to the running totals a second time, nor resend the requests of the batch that were
 * already taken.
 */
final class RemoteWriteSender implements Sender<ExportMetricsServiceRequest> {
  private static final Logger log = LoggerFactory.getLogger(RemoteWriteSender.class);

  private final DeltaToCumulative deltas;
  private final OtlpToPrometheus translator;
  private final WriteRequestSplitter splitter;
  private final RemoteWriteClient client;
  private final Counter droppedPoints;
  private final int parallelism;
  private final RemoteWriteProtocol protocol;
  private final AtomicBoolean droppedBefore = new AtomicBoolean();
  private final Cache<Batch<ExportMetricsServiceRequest>, PreparedBatch> prepared =
      Caffeine.newBuilder().weakKeys().build();

  RemoteWriteSender(
      DeltaToCumulative deltas,
      OtlpToPrometheus translator,
      WriteRequestSplitter splitter,
      RemoteWriteClient client,
      Counter droppedPoints,
      int parallelism,
      RemoteWriteProtocol protocol) {
    this.deltas = deltas;
    this.translator = translator;
    this.splitter = splitter;
    this.client = client;
    this.droppedPoints = droppedPoints;
    this.parallelism = parallelism;
    this.protocol = protocol;
  }

  @Override
  public void send(Batch<ExportMetricsServiceRequest> batch, Duration timeout) {
    PreparedBatch requests = prepared.get(batch, this::prepare);
    try {
      requests.sendRemaining(client, batch.tenant(), timeout, parallelism);
    } catch (PermanentException e) {
      prepared.invalidate(batch);
      throw e;
    }
    prepared.invalidate(batch);
  }

  private PreparedBatch prepare(Batch<ExportMetricsServiceRequest> batch) {
    DeltaToCumulative.Conversion cumulative = deltas.apply(batch.request());
    Translation translation = translator.translate(cumulative.request());
    int dropped = cumulative.droppedPoints() + translation.droppedPoints();
    if (dropped > 0) {
      droppedPoints.increment(dropped);
      if (droppedBefore.compareAndSet(false, true)) {
        log.warn(
            "dropping metric points Prometheus cannot take (delta exponential histograms or up-down"
                + " counters, overlapping deltas, scales below -4, malformed histograms); counted"
                + " in tailgate.exporter.dropped.metric_points, logged once");
      }
    }
    List<byte[]> bodies = new ArrayList<>();
    for (WriteRequest request : splitter.split(translation.series())) {
      bodies.add(compress(protocol.encode(request, translation.metadata())));
    }
    return new PreparedBatch(bodies);
  }

  private static byte[] compress(byte[] body) {
    try {
      return Snappy.compress(body);
    } catch (IOException e) {
      throw new PermanentException("cannot snappy-compress a write request: " + e.getMessage(), e);
    }
  }

  /**
   * The compressed requests of one batch, and which of them the endpoint took already. Up to {@code
   * parallelism} are posted at once: each series is in one request only, so their order does not
   * matter to Prometheus.
   */
  private static final class PreparedBatch {
    private final List<byte[]> bodies;
    private final boolean[] taken;

    PreparedBatch(List<byte[]> bodies) {
      this.bodies = List.copyOf(bodies);
      this.taken = new boolean[bodies.size()];
    }

    synchronized void sendRemaining(
        RemoteWriteClient client, String tenant, Duration timeout, int parallelism) {
      for (List<Integer> wave = nextWave(parallelism);
          !wave.isEmpty();
          wave = nextWave(parallelism)) {
        if (wave.size() == 1) {
          client.post(bodies.get(wave.get(0)), tenant, timeout);
          taken[wave.get(0)] = true;
          continue;
        }
        List<Optional<RuntimeException>> outcomes =
            client.postAll(wave.stream().map(bodies::get).toList(), tenant, timeout);
        RuntimeException firstFailure = null;
        for (int i = 0; i < wave.size(); i++) {
          Optional<RuntimeException> failure = outcomes.get(i);
          if (failure.isEmpty()) {
            taken[wave.get(i)] = true;
          } else if (firstFailure == null) {
            firstFailure = failure.get();
          }
        }
        if (firstFailure != null) {
          throw firstFailure;
        }
      }
    }

    private List<Integer> nextWave(int parallelism) {
      List<Integer> wave = new ArrayList<>(parallelism);
      for (int i = 0; i < taken.length && wave.size() < parallelism; i++) {
        if (!taken[i]) {
          wave.add(i);
        }
      }
      return wave;
    }
  }
}
