package dev.tailgate.bench.loadgen;

import dev.tailgate.bench.CommandLineFlags;
import dev.tailgate.pipeline.config.Endpoint;
import java.time.Duration;
import java.util.Set;

/**
 * What one load-generator run sends, where, and for how long. With {@code --fresh-trace-ids true}
 * every request carries trace ids never sent before, as production traffic does (a tail sampler
 * then buffers new traces instead of extending a few old ones).
 */
public record LoadOptions(
    Protocol protocol,
    Endpoint endpoint,
    int concurrency,
    Duration duration,
    Duration warmup,
    int spansPerRequest,
    int attributesPerSpan,
    int poolSize,
    long seed,
    boolean freshTraceIds,
    Duration refusalPause) {

  static final Set<String> FLAGS =
      Set.of(
          "protocol",
          "endpoint",
          "concurrency",
          "duration",
          "warmup",
          "spans-per-request",
          "attributes-per-span",
          "pool-size",
          "seed",
          "fresh-trace-ids",
          "refusal-pause");

  public LoadOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be >= 1, got " + concurrency);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be > 0");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must be >= 0");
    }
    if (spansPerRequest < 1) {
      throw new IllegalArgumentException(
          "--spans-per-request must be >= 1, got " + spansPerRequest);
    }
    if (attributesPerSpan < 0) {
      throw new IllegalArgumentException(
          "--attributes-per-span must be >= 0, got " + attributesPerSpan);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("--pool-size must be >= 1, got " + poolSize);
    }
  }

  public static LoadOptions fromArgs(String[] args) {
    CommandLineFlags flags = CommandLineFlags.parse(args, FLAGS);
    Protocol protocol = Protocol.parse(flags.string("protocol", "grpc"));
    String defaultEndpoint = protocol == Protocol.GRPC ? "127.0.0.1:4317" : "127.0.0.1:4318";
    return new LoadOptions(
        protocol,
        Endpoint.parse(flags.string("endpoint", defaultEndpoint)),
        flags.integer("concurrency", 4),
        flags.duration("duration", Duration.ofSeconds(30)),
        flags.duration("warmup", Duration.ZERO),
        flags.integer("spans-per-request", 100),
        flags.integer("attributes-per-span", 10),
        flags.integer("pool-size", 16),
        flags.integer("seed", 42),
        Boolean.parseBoolean(flags.string("fresh-trace-ids", "false")),
        flags.duration("refusal-pause", Duration.ofMillis(100)));
  }
}
