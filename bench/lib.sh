# Shell functions the bench scripts share (sourced, not run). The caller sets STARTUP_TIMEOUT_S.

stop_process() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

TAKEN_PORTS=" "
# Sets a global rather than printing, so the pick is remembered (a $(...) would forget it).
pick_port() {
  local name="$1" port
  if [[ -z "${!name:-}" ]]; then
    while true; do
      port=$((20000 + RANDOM % 40000))
      if [[ "$TAKEN_PORTS" != *" $port "* ]] && ! port_open "$port"; then
        break
      fi
    done
    printf -v "$name" '%s' "$port"
  fi
  TAKEN_PORTS+="${!name} "
  export "${name?}"
}

fail_with_log() {
  echo "$1" >&2
  echo "--- last lines of $2 ---" >&2
  tail -n 40 "$2" >&2 || true
  exit 1
}

wait_until() {
  local what="$1" pid="$2" log="$3"
  shift 3
  local deadline=$((SECONDS + STARTUP_TIMEOUT_S))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "$what exited during startup" "$log"
    ((SECONDS < deadline)) || fail_with_log "$what not ready after ${STARTUP_TIMEOUT_S}s" "$log"
    sleep 0.2
  done
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat; the command
# name before them may contain spaces, so count from the closing parenthesis).
cpu_ticks() {
  local stat
  stat="$(<"/proc/$1/stat")"
  stat="${stat##*) }"
  read -r -a fields <<<"$stat"
  echo $((fields[11] + fields[12]))
}

field() { # field NAME FILE: the value of NAME=value on the last line that has it
  grep -o "$1=[0-9.]*" "$2" | tail -n 1 | cut -d= -f2
}

# metric_sum ADMIN_PORT REGEX: the sum of the samples on the gateway's /metrics whose line matches
# REGEX (an awk pattern on the whole line, e.g. '^tailgate_exporter_sent_spans_total').
metric_sum() {
  curl -fs "http://127.0.0.1:$1/metrics" |
    awk -v pattern="$2" '$0 ~ pattern { sum += $NF } END { printf "%.0f", sum }'
}
