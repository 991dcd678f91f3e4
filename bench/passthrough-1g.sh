#!/usr/bin/env bash
# Pass-through as production runs it: the whole gateway in a 1 GiB heap, OTLP/HTTP in, batch, OTLP
# out without compression, 8 closed-loop connections; CPU per delivered span next to the protobuf
# floor of the same payload, measured in the same run. Other tunables: see cpu-per-span.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONFIG="${CONFIG:-$HERE/passthrough-bench.yml}"
export PROTOCOL="${PROTOCOL:-http}"
export CONCURRENCY="${CONCURRENCY:-8}"
export DURATION="${DURATION:-20s}"
export WARMUP="${WARMUP:-15s}"
export GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xmx1g}"
export TITLE="${TITLE:-pass-through (otlp http -> batch -> otlp, 1 GiB heap, $CONCURRENCY connections)}"
exec "$HERE/cpu-per-span.sh"
