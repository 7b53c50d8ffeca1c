#!/usr/bin/env bash
# Compares Pikko with redis-server under redis-benchmark, on this machine, in one run.
# Starts both servers on free ports, alternates rounds between them (so drift in the machine's
# load hits both alike), and prints requests per second per test, the median over the rounds,
# and Pikko's ratio to Redis.
#
#   bench/compare.sh [--rounds 3] [--requests 100000] [--tests set,get,incr,mset,lpush,rpop,sadd,hset,zadd,lrange_100]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
REQUESTS=100000
TESTS="set,get,incr,mset,lpush,rpop,sadd,hset,zadd,lrange_100"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --tests) TESTS="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--requests N] [--tests a,b]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/test-deps.sh"
command -v redis-benchmark >/dev/null || { echo "redis-benchmark not found" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); PIKKO_PORT=$(free_port); CLUSTER_PORT=$(free_port); ADMIN_PORT=$(free_port)
WORK=$(mktemp -d)
cleanup() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  [ -n "${PIKKO_PID:-}" ] && kill "$PIKKO_PID" 2>/dev/null && wait "$PIKKO_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes --logfile "$WORK/redis.log"
"$ROOT/pikko" build >/dev/null 2>&1 || true
[ -f "$ROOT/node/target/pikko-node.jar" ] || "$ROOT/pikko" build
java ${PIKKO_JAVA_OPTS:--Xms1g -Xmx2g} -Dpikko.port="$PIKKO_PORT" -Dpikko.cluster.port="$CLUSTER_PORT" \
  -Dpikko.admin.port="$ADMIN_PORT" -Dpikko.data-dir="$WORK/pikko" -jar "$ROOT/node/target/pikko-node.jar" \
  >"$WORK/pikko.log" 2>&1 &
PIKKO_PID=$!
for _ in $(seq 1 120); do
  redis-cli -p "$PIKKO_PORT" ping 2>/dev/null | grep -q PONG && break
  sleep 0.5
done
redis-cli -p "$PIKKO_PORT" ping | grep -q PONG || { echo "Pikko did not start:" >&2; cat "$WORK/pikko.log" >&2; exit 1; }

# run PORT ARGS... -> lines "TEST rps"
run() {
  local port=$1; shift
  redis-benchmark -p "$port" -n "$REQUESTS" -r 100000 -t "$TESTS" -q "$@" 2>/dev/null \
    | tr '\r' '\n' | grep 'requests per second' | grep -v 'needed to benchmark' \
    | sed -E 's/^"?([A-Za-z0-9_ ()]+)"?: ([0-9.]+) requests per second.*/\1|\2/' | sed -E 's/ \(.*\)//'
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

declare -A RESULTS
for mode in "-c 50" "-c 50 -P 16"; do
  for round in $(seq 1 "$ROUNDS"); do
    for server in redis pikko; do
      port=$REDIS_PORT; [ "$server" = pikko ] && port=$PIKKO_PORT
      # shellcheck disable=SC2086
      while IFS='|' read -r test rps; do
        RESULTS["$mode|$test|$server"]+="$rps "
      done < <(run "$port" $mode)
    done
  done
done

printf '\n%-14s %-16s %14s %14s %8s\n' "mode" "test" "redis rps" "pikko rps" "ratio"
for mode in "-c 50" "-c 50 -P 16"; do
  for test in $(echo "$TESTS" | tr ',' ' ' | tr a-z A-Z); do
    key="$mode|$test"
    [ "$test" = MSET ] && key="$mode|MSET"
    r=$(echo ${RESULTS["$key|redis"]:-} | tr ' ' '\n' | grep -v '^$' | median)
    p=$(echo ${RESULTS["$key|pikko"]:-} | tr ' ' '\n' | grep -v '^$' | median)
    [ -z "$r" ] && continue
    ratio=$(awk -v p="${p:-0}" -v r="$r" 'BEGIN { printf "%.3f", (r > 0 ? p / r : 0) }')
    printf '%-14s %-16s %14s %14s %8s\n' "$mode" "$test" "$r" "${p:-n/a}" "$ratio"
  done
done
echo "(median of $ROUNDS alternating rounds, $REQUESTS requests each, redis-benchmark -r 100000)"
