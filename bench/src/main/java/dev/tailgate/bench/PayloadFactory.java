package dev.tailgate.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the trace export request that every benchmark sends, so the load generator and the JMH
 * floor measure the same bytes. The same (shape, seed) always gives the same request.
 */
public final class PayloadFactory {
  /** A trace in a typical service request has a handful of spans; parents link within it. */
  private static final int SPANS_PER_TRACE = 8;

  /** Mid-2024, fixed so payloads do not depend on the wall clock. */
  private static final long BASE_TIME_NANOS = 1_717_200_000_000_000_000L;

  private static final String[] SPAN_NAMES = {
    "GET /api/orders/{id}", "POST /api/checkout", "SELECT orders", "INSERT payments",
    "cache.get", "publish order.created", "HTTP GET inventory", "render template"
  };
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  private static final String[] ROUTES = {
    "/api/orders/{id}", "/api/checkout", "/api/cart", "/health"
  };
  private static final String[] HOSTS = {
    "orders.internal", "payments.internal", "inventory.internal"
  };
  private static final int[] STATUS_CODES = {200, 200, 200, 201, 204, 404, 500};

  private final int spansPerRequest;
  private final int attributesPerSpan;

  public PayloadFactory(int spansPerRequest, int attributesPerSpan) {
    if (spansPerRequest < 1) {
      throw new IllegalArgumentException("spans per request must be >= 1, got " + spansPerRequest);
    }
    if (attributesPerSpan < 0) {
      throw new IllegalArgumentException(
          "attributes per span must be >= 0, got " + attributesPerSpan);
    }
    this.spansPerRequest = spansPerRequest;
    this.attributesPerSpan = attributesPerSpan;
  }

  public int spansPerRequest() {
    return spansPerRequest;
  }

  public ExportTraceServiceRequest create(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("dev.tailgate.bench")
                    .setVersion("0.1.0"));
    byte[] traceId = null;
    byte[] parentId = null;
    long traceStart = 0;
    for (int i = 0; i < spansPerRequest; i++) {
      boolean rootOfTrace = i % SPANS_PER_TRACE == 0;
      if (rootOfTrace) {
        traceId = randomBytes(random, 16);
        parentId = null;
        traceStart = BASE_TIME_NANOS + random.nextLong(3_600_000_000_000L);
      }
      byte[] spanId = randomBytes(random, 8);
      scope.addSpans(span(random, i, traceId, spanId, parentId, traceStart));
      parentId = spanId;
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(random))
                .addScopeSpans(scope)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0"))
        .build();
  }

  /** {@code size} distinct requests of the same shape. */
  public List<ExportTraceServiceRequest> createPool(int size, long seed) {
    List<ExportTraceServiceRequest> pool = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      pool.add(create(seed + i));
    }
    return pool;
  }

  private Span span(
      SplittableRandom random,
      int index,
      byte[] traceId,
      byte[] spanId,
      byte[] parentId,
      long traceStart) {
    long start = traceStart + random.nextLong(50_000_000L);
    long duration = 50_000L + random.nextLong(250_000_000L);
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(traceId))
            .setSpanId(ByteString.copyFrom(spanId))
            .setName(SPAN_NAMES[index % SPAN_NAMES.length])
            .setKind(kindFor(index))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + duration);
    if (parentId != null) {
      span.setParentSpanId(ByteString.copyFrom(parentId));
    }
    for (int a = 0; a < attributesPerSpan; a++) {
      span.addAttributes(attribute(random, a));
    }
    span.setStatus(status(random));
    return span.build();
  }

  private static Span.SpanKind kindFor(int index) {
    return switch (index % 4) {
      case 0 -> Span.SpanKind.SPAN_KIND_SERVER;
      case 1 -> Span.SpanKind.SPAN_KIND_INTERNAL;
      case 2 -> Span.SpanKind.SPAN_KIND_CLIENT;
      default -> Span.SpanKind.SPAN_KIND_PRODUCER;
    };
  }

  /** Semantic-convention keys first, as real spans carry, then generic ones if more are asked. */
  private static KeyValue attribute(SplittableRandom random, int a) {
    return switch (a) {
      case 0 -> string("http.request.method", pick(random, METHODS));
      case 1 -> string("http.route", pick(random, ROUTES));
      case 2 ->
          integer("http.response.status_code", STATUS_CODES[random.nextInt(STATUS_CODES.length)]);
      case 3 -> string("server.address", pick(random, HOSTS));
      case 4 -> integer("server.port", 8080);
      case 5 -> string("url.path", "/api/orders/" + random.nextInt(1_000_000));
      case 6 ->
          string(
              "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) bench/" + random.nextInt(10));
      case 7 -> bool("cache.hit", random.nextBoolean());
      case 8 -> string("customer.id", "cust-" + Long.toHexString(random.nextLong()));
      case 9 -> integer("db.response.returned_rows", random.nextInt(500));
      default ->
          switch (a % 3) {
            case 0 -> string("app.attr." + a, "value-" + random.nextInt(10_000));
            case 1 -> integer("app.attr." + a, random.nextInt(1_000_000));
            default -> bool("app.attr." + a, random.nextBoolean());
          };
    };
  }

  /** About one span in twenty fails, so status handling is exercised. */
  private static Status status(SplittableRandom random) {
    if (random.nextInt(20) == 0) {
      return Status.newBuilder()
          .setCode(Status.StatusCode.STATUS_CODE_ERROR)
          .setMessage("upstream returned 503")
          .build();
    }
    return Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET).build();
  }

  private static Resource resource(SplittableRandom random) {
    return Resource.newBuilder()
        .addAttributes(string("service.name", "checkout"))
        .addAttributes(string("service.version", "1.4." + random.nextInt(20)))
        .addAttributes(string("service.instance.id", Long.toHexString(random.nextLong())))
        .addAttributes(string("host.name", "node-" + random.nextInt(64)))
        .addAttributes(string("deployment.environment.name", "production"))
        .addAttributes(string("telemetry.sdk.language", "java"))
        .build();
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static KeyValue bool(String key, boolean value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value))
        .build();
  }
}
