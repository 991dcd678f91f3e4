#!/usr/bin/env bash
# The Kafka tier as production runs it, each gateway alone in a 1 GiB heap against a real broker
# (Apache Kafka in KRaft mode, its own JVM, on loopback):
#   1. exporter: cpu-per-span.sh with bench/kafka-exporter-bench.yml (OTLP/HTTP in from 8 closed-loop
#      connections -> batch -> kafka, partition_traces_by_id, lz4), which fills the topic; CPU per
#      accepted span next to the protobuf floor of the same payload, measured in the same run;
#   2. receiver: a second gateway with bench/kafka-receiver-bench.yml (kafka -> batch -> OTLP out to
#      the bench sink) consumes that topic from its start; its CPU is counted while it takes the
#      middle of the topic (from RECEIVER_FROM to RECEIVER_TO of the spans in it, so start-up and
#      the tail are left out), then it must deliver every span the first gateway accepted.
#
# Needs: mvn -B -DskipTests package   (the jars, and gateway-app's test classes: the broker is the
# tests' KafkaBroker, run by testing.StandaloneKafkaBroker on gateway-app's test classpath)
# Tunables (environment): PARTITIONS=4 RECEIVER_FROM=0.4 RECEIVER_TO=0.9 MVN="mvn -B -q"
#   (MVN="mvn -B -q -o" offline) and those of cpu-per-span.sh for the exporter phase
#   (PROTOCOL, CONCURRENCY, WARMUP, DURATION, SPANS_PER_REQUEST, ATTRIBUTES_PER_SPAN, KEEP_LOGS).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAVA="${JAVA:-java}"
MVN="${MVN:-mvn -B -q}"
GATEWAY_JAR="$ROOT/gateway-app/target/tailgate.jar"
BENCH_JAR="$ROOT/bench/target/tailgate-bench.jar"
TEST_CLASSES="$ROOT/gateway-app/target/test-classes"
PARTITIONS="${PARTITIONS:-4}"
RECEIVER_FROM="${RECEIVER_FROM:-0.4}"
RECEIVER_TO="${RECEIVER_TO:-0.9}"
STARTUP_TIMEOUT_S=60
CONSUME_TIMEOUT_S="${CONSUME_TIMEOUT_S:-900}"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for needed in "$GATEWAY_JAR" "$BENCH_JAR" "$TEST_CLASSES/dev/tailgate/gateway/testing/StandaloneKafkaBroker.class"; do
  if [[ ! -e "$needed" ]]; then
    echo "missing $needed: run 'mvn -B -DskipTests package' first" >&2
    exit 2
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tailgate-kafka-bench.XXXXXX")"
BROKER_PID=""
SINK_PID=""
GATEWAY_PID=""

cleanup() {
  stop_process "$GATEWAY_PID"
  stop_process "$SINK_PID"
  stop_process "$BROKER_PID"
  if [[ "${KEEP_LOGS:-0}" == 1 ]]; then
    echo "logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
echo "broker: resolving gateway-app's test classpath"
# shellcheck disable=SC2086 # MVN is a command with its flags
$MVN -pl gateway-app dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/broker.classpath" >"$WORK/classpath.log" 2>&1 ||
  fail_with_log "could not resolve gateway-app's test classpath" "$WORK/classpath.log"
"$JAVA" -Xmx512m -cp "$TEST_CLASSES:$(<"$WORK/broker.classpath")" \
  dev.tailgate.gateway.testing.StandaloneKafkaBroker "$WORK/broker.ready" otlp_spans "$PARTITIONS" \
  >"$WORK/broker.log" 2>&1 &
BROKER_PID=$!
wait_until "broker" "$BROKER_PID" "$WORK/broker.log" test -f "$WORK/broker.ready"
BENCH_KAFKA_BROKERS="$(<"$WORK/broker.ready")"
export BENCH_KAFKA_BROKERS
echo "broker up on $BENCH_KAFKA_BROKERS (topic otlp_spans, $PARTITIONS partitions) after $((SECONDS - started))s"

# --- 1. exporter -------------------------------------------------------------------------------
export CONFIG="$ROOT/bench/kafka-exporter-bench.yml"
export PROTOCOL="${PROTOCOL:-http}" CONCURRENCY="${CONCURRENCY:-8}" DURATION="${DURATION:-30s}"
export WARMUP="${WARMUP:-60s}" FRESH_TRACE_IDS=true GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xmx1g}"
export TITLE="kafka exporter (otlp http -> batch -> kafka, by trace id, lz4; 1 GiB heap, $CONCURRENCY connections)"
"$ROOT/bench/cpu-per-span.sh" | tee "$WORK/exporter.out"
# Everything the first gateway accepted is in the topic: it drained its queue into Kafka on stop.
in_topic="$(sed -n 's/^sink received: *[0-9]* of \([0-9]*\) spans sent.*/\1/p' "$WORK/exporter.out")"
floor="$(sed -n 's/^floor (parse+serialize): \([0-9.]*\) ns\/span/\1/p' "$WORK/exporter.out")"
[[ -n "$in_topic" && "$in_topic" -gt 0 ]] || fail_with_log "the exporter phase wrote nothing" "$WORK/exporter.out"

# --- 2. receiver -------------------------------------------------------------------------------
unset BENCH_SINK_PORT BENCH_ADMIN_PORT
pick_port BENCH_SINK_PORT
pick_port BENCH_ADMIN_PORT
echo
echo "receiver: consuming $in_topic spans from the topic (sink $BENCH_SINK_PORT, admin $BENCH_ADMIN_PORT)"
"$JAVA" -cp "$BENCH_JAR" dev.tailgate.bench.sink.SinkServer --port "$BENCH_SINK_PORT" \
  --report-interval 5s >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
wait_until "sink" "$SINK_PID" "$WORK/sink.log" port_open "$BENCH_SINK_PORT"
# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of JVM flags
"$JAVA" $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" server "$ROOT/bench/kafka-receiver-bench.yml" \
  >"$WORK/receiver-gateway.log" 2>&1 &
GATEWAY_PID=$!

taken() { metric_sum "$BENCH_ADMIN_PORT" '^tailgate_receiver_accepted_spans_total.*transport="kafka"' 2>/dev/null || echo 0; }
sent() { metric_sum "$BENCH_ADMIN_PORT" '^tailgate_exporter_sent_spans_total' 2>/dev/null || echo 0; }
from_spans="$(awk -v n="$in_topic" -v f="$RECEIVER_FROM" 'BEGIN { printf "%.0f", n * f }')"
to_spans="$(awk -v n="$in_topic" -v f="$RECEIVER_TO" 'BEGIN { printf "%.0f", n * f }')"
deadline=$((SECONDS + CONSUME_TIMEOUT_S))
await_taken() { # await_taken N: polls until the receiver has taken N spans
  while (($(taken) < $1)); do
    kill -0 "$GATEWAY_PID" 2>/dev/null || fail_with_log "the receiving gateway exited" "$WORK/receiver-gateway.log"
    ((SECONDS < deadline)) || fail_with_log "the receiver took $(taken) of $1 spans in ${CONSUME_TIMEOUT_S}s" "$WORK/receiver-gateway.log"
    sleep 0.5 # each look is a /metrics scrape, CPU the gateway spends too
  done
}
consume_started=$SECONDS
await_taken "$from_spans"
ticks_before="$(cpu_ticks "$GATEWAY_PID")"
taken_before="$(taken)"
sent_before="$(sent)"
nanos_before="$(date +%s%N)"
await_taken "$to_spans"
ticks_after="$(cpu_ticks "$GATEWAY_PID")"
taken_after="$(taken)"
sent_after="$(sent)"
nanos_after="$(date +%s%N)"
await_taken "$in_topic"
while (($(sent) < in_topic)) && ((SECONDS < deadline)); do sleep 0.2; done
consumed_in=$((SECONDS - consume_started))
out_of_memory="$(grep -c OutOfMemoryError "$WORK/receiver-gateway.log" || true)"
stop_process "$GATEWAY_PID"
stop_process "$SINK_PID" # prints its final totals
sink_spans="$(field "sink spans" "$WORK/sink.log" || true)"

awk -v ticks=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
  -v taken=$((taken_after - taken_before)) -v sent=$((sent_after - sent_before)) \
  -v nanos=$((nanos_after - nanos_before)) -v floor="$floor" -v in_topic="$in_topic" \
  -v received="${sink_spans:-0}" -v oom="${out_of_memory:-0}" -v from="$RECEIVER_FROM" \
  -v to="$RECEIVER_TO" -v consumed_in="$consumed_in" -v total=$((SECONDS - started)) '
  BEGIN {
    cpu_ns = ticks * 1e9 / hz
    seconds = nanos / 1e9
    print ""
    print "== kafka receiver (kafka -> batch -> otlp; 1 GiB heap) =="
    printf "measured:             spans %.0f%% to %.0f%% of the topic, %.2f s\n", from * 100, to * 100, seconds
    printf "taken:                %.0f spans/s (%d spans)\n", taken / seconds, taken
    printf "delivered:            %.0f spans/s (%d spans)\n", sent / seconds, sent
    printf "gateway cpu:          %.2f s (%.2f cores)\n", cpu_ns / 1e9, cpu_ns / 1e9 / seconds
    printf "cpu per taken:        %.1f ns/span (%.0f spans/s per core)\n", cpu_ns / taken, taken / (cpu_ns / 1e9)
    printf "OutOfMemoryError:     %d in the gateway log\n", oom
    if (floor != "") printf "ratio gateway/floor:  %.2f per taken span (floor %s ns/span, from the exporter phase)\n", cpu_ns / taken / floor, floor
    printf "sink received:        %d of %d spans in the topic (whole topic consumed in %d s)\n", received, in_topic, consumed_in
    printf "script took:          %d s\n", total
  }'
