#!/usr/bin/env bash
# Gateway CPU per span on this machine, next to the protobuf floor (parse + serialize of the same
# payload, measured by JMH right after, in the same run). By default the gateway runs
# bench/gateway-bench.yml (OTLP in -> batch -> OTLP out); passthrough-1g.sh and production-1g.sh
# run it as production does (1 GiB heap, 8 connections).
#
# Needs: mvn -B -DskipTests package   (gateway-app/target/tailgate.jar, bench/target/tailgate-bench.jar)
# Tunables (environment): PROTOCOL=grpc|http CONCURRENCY=4 DURATION=30s WARMUP=10s
#   SPANS_PER_REQUEST=100 ATTRIBUTES_PER_SPAN=10 SKIP_FLOOR=1 KEEP_LOGS=1 GATEWAY_JAVA_OPTS=...
#   CONFIG=bench/some.yml FRESH_TRACE_IDS=true TITLE="..."
#   BENCH_GRPC_PORT BENCH_HTTP_PORT BENCH_SINK_PORT BENCH_ADMIN_PORT (free ones are picked if unset)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAVA="${JAVA:-java}"
GATEWAY_JAR="$ROOT/gateway-app/target/tailgate.jar"
BENCH_JAR="$ROOT/bench/target/tailgate-bench.jar"
CONFIG="${CONFIG:-$ROOT/bench/gateway-bench.yml}"
FRESH_TRACE_IDS="${FRESH_TRACE_IDS:-false}"
TITLE="${TITLE:-otlp in -> batch -> otlp out}"
PROTOCOL="${PROTOCOL:-grpc}"
CONCURRENCY="${CONCURRENCY:-4}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
SPANS_PER_REQUEST="${SPANS_PER_REQUEST:-100}"
ATTRIBUTES_PER_SPAN="${ATTRIBUTES_PER_SPAN:-10}"
STARTUP_TIMEOUT_S=60
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for jar in "$GATEWAY_JAR" "$BENCH_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "missing $jar: run 'mvn -B -DskipTests package' first" >&2
    exit 2
  fi
done
case "$PROTOCOL" in grpc | http) ;; *) echo "PROTOCOL must be grpc or http" >&2; exit 2 ;; esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tailgate-bench.XXXXXX")"
SINK_PID=""
GATEWAY_PID=""

cleanup() {
  stop_process "$GATEWAY_PID"
  stop_process "$SINK_PID"
  if [[ "${KEEP_LOGS:-0}" == 1 ]]; then
    echo "logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pick_port BENCH_GRPC_PORT
pick_port BENCH_HTTP_PORT
pick_port BENCH_SINK_PORT
pick_port BENCH_ADMIN_PORT

gateway_healthy() {
  if command -v curl >/dev/null; then
    curl -fs -o /dev/null "http://127.0.0.1:$BENCH_ADMIN_PORT/healthcheck"
  else
    port_open "$BENCH_ADMIN_PORT"
  fi && port_open "$BENCH_GRPC_PORT" && port_open "$BENCH_HTTP_PORT"
}

loadgen() {
  local duration="$1" out="$2"
  local endpoint="127.0.0.1:$BENCH_GRPC_PORT"
  [[ "$PROTOCOL" == http ]] && endpoint="127.0.0.1:$BENCH_HTTP_PORT"
  "$JAVA" -cp "$BENCH_JAR" dev.tailgate.bench.loadgen.LoadGenerator \
    --protocol "$PROTOCOL" --endpoint "$endpoint" --concurrency "$CONCURRENCY" \
    --duration "$duration" --spans-per-request "$SPANS_PER_REQUEST" \
    --attributes-per-span "$ATTRIBUTES_PER_SPAN" --fresh-trace-ids "$FRESH_TRACE_IDS" >"$out" 2>&1 ||
    fail_with_log "load generator failed (nothing accepted?)" "$out"
}

# Spans the gateway's exporters have delivered (acknowledged by the backend), from its /metrics.
delivered_spans() { metric_sum "$BENCH_ADMIN_PORT" '^tailgate_exporter_sent_spans_total'; }

started=$SECONDS
echo "ports: grpc $BENCH_GRPC_PORT, http $BENCH_HTTP_PORT, sink $BENCH_SINK_PORT, admin $BENCH_ADMIN_PORT"

"$JAVA" -cp "$BENCH_JAR" dev.tailgate.bench.sink.SinkServer --port "$BENCH_SINK_PORT" \
  --report-interval 5s >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
wait_until "sink" "$SINK_PID" "$WORK/sink.log" port_open "$BENCH_SINK_PORT"

# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of JVM flags
"$JAVA" ${GATEWAY_JAVA_OPTS:-} -jar "$GATEWAY_JAR" server "$CONFIG" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
wait_until "gateway" "$GATEWAY_PID" "$WORK/gateway.log" gateway_healthy
echo "gateway up (pid $GATEWAY_PID) after $((SECONDS - started))s"

echo "warm-up: $WARMUP of $PROTOCOL load"
loadgen "$WARMUP" "$WORK/warmup.out"
warmup_spans="$(field spans "$WORK/warmup.out")"

echo "measuring: $DURATION of $PROTOCOL load, concurrency $CONCURRENCY, $SPANS_PER_REQUEST spans x $ATTRIBUTES_PER_SPAN attributes"
delivered_before="$(delivered_spans)"
ticks_before="$(cpu_ticks "$GATEWAY_PID")"
loadgen "$DURATION" "$WORK/measured.out"
# Let the last partial batch (timeout 200ms) leave, so the CPU of exporting it is counted too.
sleep 0.5
ticks_after="$(cpu_ticks "$GATEWAY_PID")"
delivered_after="$(delivered_spans)"
cat "$WORK/measured.out"
refused_requests="$(grep -o 'refused [0-9]*' "$WORK/measured.out" | tail -n 1 | cut -d' ' -f2)"
failed_requests="$(grep -o 'failed [0-9]*' "$WORK/measured.out" | tail -n 1 | cut -d' ' -f2)"

spans="$(field spans "$WORK/measured.out")"
seconds="$(field seconds "$WORK/measured.out")"
clk_tck="$(getconf CLK_TCK)"

stop_process "$GATEWAY_PID" # drains the pipeline into the sink
stop_process "$SINK_PID"    # prints its final totals
sink_spans="$(field "sink spans" "$WORK/sink.log" || true)"
out_of_memory="$(grep -c OutOfMemoryError "$WORK/gateway.log" || true)"

floor_line="floor:                skipped (SKIP_FLOOR=1)"
floor_ns_per_span=""
if [[ "${SKIP_FLOOR:-0}" != 1 ]]; then
  echo "floor: JMH ProtobufFloorBenchmark (-f 1 -wi 3 -i 5 -w 2s -r 2s)"
  "$JAVA" -jar "$BENCH_JAR" ProtobufFloorBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
    -p "spansPerRequest=$SPANS_PER_REQUEST" -p "attributesPerSpan=$ATTRIBUTES_PER_SPAN" \
    -rf csv -rff "$WORK/floor.csv" >"$WORK/floor.out" 2>&1 ||
    fail_with_log "JMH floor benchmark failed" "$WORK/floor.out"
  floor_ns_per_request="$(awk -F, 'NR == 2 { print $5 }' "$WORK/floor.csv")"
  floor_ns_per_span="$(awk -v r="$floor_ns_per_request" -v n="$SPANS_PER_REQUEST" 'BEGIN { printf "%.1f", r / n }')"
  floor_line="floor (parse+serialize): $floor_ns_per_span ns/span"
fi

awk -v ticks=$((ticks_after - ticks_before)) -v hz="$clk_tck" -v spans="$spans" \
  -v seconds="$seconds" -v floor="$floor_ns_per_span" -v floor_line="$floor_line" \
  -v sent=$((warmup_spans + spans)) -v received="${sink_spans:-0}" -v total=$((SECONDS - started)) \
  -v delivered=$((delivered_after - delivered_before)) -v title="$TITLE" -v oom="${out_of_memory:-0}" \
  -v refused="${refused_requests:-0}" -v failed="${failed_requests:-0}" '
  BEGIN {
    cpu_ns = ticks * 1e9 / hz
    per_span = cpu_ns / spans
    per_delivered = delivered > 0 ? cpu_ns / delivered : 0
    print ""
    print "== " title " =="
    printf "accepted:             %.0f spans/s (%d spans in %.2f s)\n", spans / seconds, spans, seconds
    printf "delivered:            %.0f spans/s (%d spans)\n", delivered / seconds, delivered
    printf "refused requests:     %d (retryable 429/503), failed requests: %d\n", refused, failed
    printf "gateway cpu:          %.2f s (%.2f cores)\n", cpu_ns / 1e9, cpu_ns / 1e9 / seconds
    printf "cpu per accepted:     %.1f ns/span (%.0f spans/s per core)\n", per_span, 1e9 / per_span
    printf "cpu per delivered:    %.1f ns/span\n", per_delivered
    printf "OutOfMemoryError:     %d in the gateway log\n", oom
    print floor_line
    if (floor != "") printf "ratio gateway/floor:  %.2f per accepted span, %.2f per delivered span\n", per_span / floor, per_delivered / floor
    printf "sink received:        %d of %d spans sent (warm-up + measured)\n", received, sent
    printf "script took:          %d s\n", total
  }'
