#!/usr/bin/env bash
# The production chain (default config.yml processors + tail_sampling, otlp exporter defaults) in a
# 1 GiB heap, 8 closed-loop connections sending fresh trace ids; CPU per accepted span next to the
# protobuf floor of the same payload, measured in the same run. Other tunables: see cpu-per-span.sh.
# The 60 s warm-up is not generous: on 2 cores C2 is still compiling Jetty's and Netty's hot
# methods 30-40 s into the load (JFR jdk.Compilation), which adds ~50% to a 15 s warm-up's figure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONFIG="${CONFIG:-$HERE/production-bench.yml}"
export PROTOCOL="${PROTOCOL:-http}"
export CONCURRENCY="${CONCURRENCY:-8}"
export DURATION="${DURATION:-30s}"
export WARMUP="${WARMUP:-60s}"
export FRESH_TRACE_IDS="${FRESH_TRACE_IDS:-true}"
export GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xmx1g}"
export TITLE="${TITLE:-production chain (memory_limiter, redaction, tail_sampling, batch -> otlp; 1 GiB heap, $CONCURRENCY connections)}"
exec "$HERE/cpu-per-span.sh"
