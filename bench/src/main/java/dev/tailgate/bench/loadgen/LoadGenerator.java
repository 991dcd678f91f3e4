package dev.tailgate.bench.loadgen;

import dev.tailgate.bench.PayloadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop OTLP trace load: {@code --concurrency} workers each send pre-encoded requests back to
 * back for {@code --warmup} plus {@code --duration}, then the run's totals are printed.
 */
public final class LoadGenerator {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final LoadOptions options;

  public LoadGenerator(LoadOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.fromArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println("loadgen: " + e.getMessage());
      System.err.println(
          "usage: LoadGenerator --protocol grpc|http --endpoint 127.0.0.1:4317 --concurrency 4"
              + " --duration 30s [--warmup 5s] --spans-per-request 100 --attributes-per-span 10"
              + " [--pool-size 16] [--seed 42] [--fresh-trace-ids true] [--refusal-pause 100ms]");
      System.exit(2);
      return;
    }
    PayloadPool pool = payloadPool(options);
    LoadResult result = new LoadGenerator(options).run(pool);
    System.out.println(LoadReport.format(options, pool.bytesPerRequest(), result));
    // Nothing accepted means the target was down or refusing: a script must not divide by it.
    System.exit(result.acceptedSpans() > 0 ? 0 : 1);
  }

  public static PayloadPool payloadPool(LoadOptions options) {
    return new PayloadPool(
        new PayloadFactory(options.spansPerRequest(), options.attributesPerSpan()),
        options.poolSize(),
        options.seed(),
        options.freshTraceIds());
  }

  public LoadResult run(PayloadPool pool) throws InterruptedException {
    List<TraceSender> senders = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(options.concurrency());
    try {
      for (int i = 0; i < options.concurrency(); i++) {
        senders.add(newSender(pool));
      }
      long start = System.nanoTime();
      long measureStart = start + options.warmup().toNanos();
      long end = measureStart + options.duration().toNanos();
      List<Future<WorkerTotals>> running = new ArrayList<>();
      for (int i = 0; i < senders.size(); i++) {
        // Offsets keep workers from sending the same payload at the same moment.
        int firstPayload = i * pool.size() / senders.size();
        running.add(
            threads.submit(
                new LoadWorker(
                    senders.get(i),
                    pool.spansPerRequest(),
                    measureStart,
                    end,
                    firstPayload,
                    System::nanoTime,
                    options.refusalPause())));
      }
      List<WorkerTotals> totals = new ArrayList<>();
      for (Future<WorkerTotals> worker : running) {
        totals.add(worker.get());
      }
      return LoadResult.of(totals, measureStart);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a load worker failed", e.getCause());
    } finally {
      threads.shutdownNow();
      senders.forEach(TraceSender::close);
    }
  }

  private TraceSender newSender(PayloadPool pool) {
    return switch (options.protocol()) {
      case GRPC -> new GrpcTraceSender(options.endpoint(), pool, REQUEST_TIMEOUT);
      case HTTP -> new HttpTraceSender(options.endpoint(), pool, REQUEST_TIMEOUT);
    };
  }
}
