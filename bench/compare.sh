#!/usr/bin/env bash
# Compares Pikko with redis-server under redis-benchmark, on this machine, in one run.
# Starts both servers on free ports, alternates rounds between them (so drift in the machine's
# load hits both alike), and prints per test the median over the rounds of requests per second,
# p50 and p99 latency, Pikko's ratio to Redis, and per mode the geometric mean of the ratios.
#
# With --cluster it also starts a 3-node local cluster (./pikko cluster start, in a temp directory:
# RESP 9221-9223, admin 9280-9282, cluster 25520-25522, H2 journal 9092, so those ports must be
# free), makes group 2 = node 1 with slots 512..1023 through the admin API, and points
# redis-benchmark at node 0: about half of the keys are then served by node 1, through node 0.
# The table adds the cluster's rate and its ratios to Redis and to the single Pikko node.
#
#   bench/compare.sh [--cluster] [--rounds 3] [--requests 100000] [--tests set,get,incr,mset,lpush,rpop,sadd,hset,zadd,lrange_100]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
REQUESTS=100000
TESTS="set,get,incr,mset,lpush,rpop,sadd,hset,zadd,lrange_100"
CLUSTER=no
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --tests) TESTS="$2"; shift 2 ;;
    --cluster) CLUSTER=yes; shift ;;
    *) echo "usage: $0 [--cluster] [--rounds N] [--requests N] [--tests a,b]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/test-deps.sh"
command -v redis-benchmark >/dev/null || { echo "redis-benchmark not found" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); PIKKO_PORT=$(free_port); CLUSTER_PORT=$(free_port); ADMIN_PORT=$(free_port)
# The local cluster's node 0 (./pikko cluster uses fixed ports) and its admin API.
CLUSTER_RESP=9221
CLUSTER_ADMIN=9280
WORK=$(mktemp -d)
cleanup() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  [ -n "${PIKKO_PID:-}" ] && kill "$PIKKO_PID" 2>/dev/null && wait "$PIKKO_PID" 2>/dev/null || true
  [ -d "$WORK/cluster" ] && "$ROOT/pikko" cluster stop --dir "$WORK/cluster" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes --logfile "$WORK/redis.log"
"$ROOT/pikko" build >/dev/null 2>&1 || true
[ -f "$ROOT/node/target/pikko-node.jar" ] || "$ROOT/pikko" build
JAVA_OPTS="${PIKKO_JAVA_OPTS:--Xms1g -Xmx2g}"
# shellcheck disable=SC2086
java $JAVA_OPTS -Dpikko.port="$PIKKO_PORT" -Dpikko.cluster.port="$CLUSTER_PORT" \
  -Dpikko.admin.port="$ADMIN_PORT" -Dpikko.data-dir="$WORK/pikko" -jar "$ROOT/node/target/pikko-node.jar" \
  >"$WORK/pikko.log" 2>&1 &
PIKKO_PID=$!
for _ in $(seq 1 120); do
  redis-cli -p "$PIKKO_PORT" ping 2>/dev/null | grep -q PONG && break
  sleep 0.5
done
redis-cli -p "$PIKKO_PORT" ping | grep -q PONG || { echo "Pikko did not start:" >&2; cat "$WORK/pikko.log" >&2; exit 1; }

# admin_post PATH JSON: one admin API call to the cluster; says so when it is refused.
admin_post() {
  curl -sS -f -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$CLUSTER_ADMIN$1" >/dev/null \
    || { echo "compare: POST $1 $2 failed" >&2; return 1; }
}

SERVERS="redis pikko"
LAYOUT="one group: node 0 owns every slot"
if [ "$CLUSTER" = yes ]; then
  if redis-cli -p "$CLUSTER_RESP" ping >/dev/null 2>&1; then
    echo "compare: port $CLUSTER_RESP is taken; stop the local cluster there first (./pikko cluster stop)" >&2
    exit 1
  fi
  # Same heap as the single node, so the two compare fairly.
  PIKKO_JAVA_OPTS="$JAVA_OPTS" "$ROOT/pikko" cluster start --nodes 3 --dir "$WORK/cluster" >&2
  if ! command -v curl >/dev/null; then
    echo "compare: curl not found; the cluster keeps every slot in group 1 (node 0)" >&2
  elif admin_post /api/groups '{"id":2}' && admin_post /api/groups/2/servers '{"node":"127.0.0.1:9222"}' \
      && admin_post /api/slots/assign '{"from":512,"to":1023,"group":2}'; then
    LAYOUT="group 1 = node 0 owns slots 0..511, group 2 = node 1 owns 512..1023"
  else
    echo "compare: the cluster could not be split into two groups; it runs as one" >&2
  fi
  SERVERS="redis pikko cluster"
fi

# run PORT ARGS... -> lines "TEST|rps|p50 ms|p99 ms"
run() {
  local port=$1; shift
  redis-benchmark -p "$port" -n "$REQUESTS" -r 100000 -t "$TESTS" --csv "$@" 2>/dev/null \
    | grep -v '^"test"' | tr -d '"' \
    | awk -F, '{ name=$1; sub(/ \(.*\)/, "", name); print name "|" $2 "|" $5 "|" $7 }'
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
# of KEY FIELD: the median over the rounds of one figure
of() { echo ${RESULTS["$1|$2"]:-} | tr ' ' '\n' | grep -v '^$' | median; }
geomean() { awk '{ if ($1 > 0) { s += log($1); n++ } } END { if (n) printf "%.3f", exp(s / n); else print "n/a" }'; }

declare -A RESULTS
for mode in "-c 50" "-c 50 -P 16"; do
  for round in $(seq 1 "$ROUNDS"); do
    for server in $SERVERS; do
      case "$server" in
        redis) port=$REDIS_PORT ;;
        pikko) port=$PIKKO_PORT ;;
        cluster) port=$CLUSTER_RESP ;;
      esac
      # shellcheck disable=SC2086
      while IFS='|' read -r test rps p50 p99; do
        RESULTS["$mode|$test|$server|rps"]+="$rps "
        RESULTS["$mode|$test|$server|p50"]+="$p50 "
        RESULTS["$mode|$test|$server|p99"]+="$p99 "
      done < <(run "$port" $mode)
    done
  done
done

if [ "$CLUSTER" = yes ]; then
  printf '\n%-12s %-11s %11s %11s %11s %8s %9s %9s %8s %8s %8s\n' "mode" "test" "redis rps" "pikko rps" "cluster rps" \
    "pikko/r" "cluster/r" "cluster/p" "r p99" "p p99" "c p99"
else
  printf '\n%-12s %-11s %11s %11s %8s %8s %8s %8s %8s\n' "mode" "test" "redis rps" "pikko rps" "ratio" \
    "r p50" "p p50" "r p99" "p p99"
fi
for mode in "-c 50" "-c 50 -P 16"; do
  ratios=""; cluster_ratios=""
  for test in $(echo "$TESTS" | tr ',' ' ' | tr a-z A-Z); do
    key="$mode|$test"
    r=$(of "$key|redis" rps); p=$(of "$key|pikko" rps)
    [ -z "$r" ] && continue
    ratios+="$(ratio "$p" "$r") "
    if [ "$CLUSTER" = yes ]; then
      c=$(of "$key|cluster" rps)
      cluster_ratios+="$(ratio "$c" "$r") "
      printf '%-12s %-11s %11s %11s %11s %8s %9s %9s %8s %8s %8s\n' "$mode" "$test" "$r" "${p:-n/a}" "${c:-n/a}" \
        "$(ratio "$p" "$r")" "$(ratio "$c" "$r")" "$(ratio "$c" "$p")" \
        "$(of "$key|redis" p99)" "$(of "$key|pikko" p99)" "$(of "$key|cluster" p99)"
    else
      printf '%-12s %-11s %11s %11s %8s %8s %8s %8s %8s\n' "$mode" "$test" "$r" "${p:-n/a}" "$(ratio "$p" "$r")" \
        "$(of "$key|redis" p50)" "$(of "$key|pikko" p50)" "$(of "$key|redis" p99)" "$(of "$key|pikko" p99)"
    fi
  done
  printf '%-12s %-11s %35s\n' "$mode" "geomean" "$(echo "$ratios" | tr ' ' '\n' | grep -v '^$' | geomean)"
  [ "$CLUSTER" = yes ] && printf '%-12s %-11s %45s\n' "$mode" "cluster" "$(echo "$cluster_ratios" | tr ' ' '\n' | grep -v '^$' | geomean)"
done
echo "(median of $ROUNDS alternating rounds, $REQUESTS requests each, redis-benchmark -r 100000; latencies in ms)"
[ "$CLUSTER" = yes ] && echo "(cluster: 3 local nodes, benchmark on node 0; $LAYOUT)"
exit 0
