#!/usr/bin/env bash
# Replication's cost and failover's window, on this machine, in one run.
#
# Starts one Pikko node and a local cluster of 4 nodes in two groups of a master and a replica
# (./pikko cluster start --nodes 4 --replicas 1 --port-offset 100, in a temp directory: RESP
# 9321-9324, admin 9380-9383, cluster 25620-25623, H2 9192, so those ports must be free), and
# prints:
#   - SET throughput through node 0 (redis-benchmark -c 50) with replication off (the replicas
#     removed from the groups), async and consistent, each relative to the single node;
#   - the replicas' lag under that load (largest records and milliseconds seen, sampled 4 times a
#     second);
#   - the unavailability window of KILLS kill -9s of group 2's master under load: from the kill
#     until a SET to one of the group's keys succeeds again through node 0 (p50 and max). After
#     each kill the killed node is started again and awaited as a replica.
#
#   bench/failover.sh [--requests 200000] [--kills 5]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REQUESTS=200000
KILLS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) REQUESTS=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    *) echo "usage: bench/failover.sh [--requests N] [--kills N]" >&2; exit 2 ;;
  esac
done
for tool in redis-benchmark redis-cli curl java; do
  command -v "$tool" >/dev/null || { echo "failover: $tool not found (scripts/test-deps.sh installs it)" >&2; exit 1; }
done

OFFSET=100
WORK=$(mktemp -d)
CLUSTER="$WORK/cluster"
SINGLE_PORT=$((9321 + 50))
resp() { echo $((9221 + OFFSET + $1)); }
admin() { echo $((9280 + OFFSET + $1)); }
API="http://127.0.0.1:$(admin 0)"

cleanup() {
  [ -n "${SINGLE_PID:-}" ] && kill "$SINGLE_PID" 2>/dev/null && wait "$SINGLE_PID" 2>/dev/null || true
  [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -d "$CLUSTER" ] && "$ROOT/pikko" cluster stop --dir "$CLUSTER" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$ROOT/node/target/pikko-node.jar" ] || "$ROOT/pikko" build
JAVA_OPTS="${PIKKO_JAVA_OPTS:--Xms512m -Xmx1g}"

# set_rps PORT: SET requests per second through PORT.
set_rps() {
  redis-benchmark -p "$1" -n "$REQUESTS" -r 100000 -c 50 -t set --csv 2>/dev/null \
    | grep -v '^"test"' | tr -d '"' | awk -F, '{ print $2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
call() { curl -sS -f -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$API$2" >/dev/null; }
master_of() { curl -sS "$API/api/groups/$1" | sed -E 's/.*"master":"([^"]*)".*/\1/'; }
index_of() { echo $(( ${1##*:} - 9221 - OFFSET )); }

# lag_while PID: the replicas' largest lag (records, ms) while PID runs, sampled every 250 ms.
lag_while() {
  local records=0 millis=0 r m node
  while kill -0 "$1" 2>/dev/null; do
    for node in 1 3; do
      read -r r m < <(curl -sS "http://127.0.0.1:$(admin "$node")/api/node/replication" \
        | sed -E 's/.*"lagRecords":([0-9-]+),"lagMillis":([0-9-]+).*/\1 \2/') || continue
      [ "${r:-0}" -gt "$records" ] && records=$r
      [ "${m:-0}" -gt "$millis" ] && millis=$m
    done
    sleep 0.25
  done
  echo "$records $millis"
}

# replicated_rps: SET rps through node 0 and the replicas' largest lag meanwhile.
replicated_rps() {
  local out="$WORK/rps"
  set_rps "$(resp 0)" >"$out" &
  local bench=$!
  local lag
  lag=$(lag_while "$bench")
  wait "$bench"
  echo "$(cat "$out") $lag"
}

# await_following NODE: until the node streams every slot of its group with no lag.
await_following() {
  local status
  for _ in $(seq 1 240); do
    status=$(curl -sS "http://127.0.0.1:$(admin "$1")/api/node/replication" 2>/dev/null || true)
    if echo "$status" | grep -q '"role":"replica","offset":[0-9]*,"lagRecords":0,' \
        && ! echo "$status" | grep -q '"state":"\(connecting\|full-sync\)"'; then
      return 0
    fi
    sleep 0.5
  done
  echo "failover: node $1 did not catch up as a replica" >&2
  return 1
}

# A key of group 2 (slots 512..1023), to probe writes to the killed master's slots.
PROBE=""

echo "single node..." >&2
java $JAVA_OPTS -Dpikko.port="$SINGLE_PORT" -Dpikko.cluster.port=$((25620 + 50)) -Dpikko.admin.port=$((9380 + 50)) \
  -Dpikko.data-dir="$WORK/single" -jar "$ROOT/node/target/pikko-node.jar" >"$WORK/single.log" 2>&1 &
SINGLE_PID=$!
for _ in $(seq 1 120); do redis-cli -p "$SINGLE_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
SINGLE=$(set_rps "$SINGLE_PORT")
kill "$SINGLE_PID"; wait "$SINGLE_PID" 2>/dev/null || true; SINGLE_PID=""

echo "cluster of 4, two groups of master + replica..." >&2
PIKKO_JAVA_OPTS="$JAVA_OPTS" "$ROOT/pikko" cluster start --nodes 4 --replicas 1 --port-offset "$OFFSET" --dir "$CLUSTER" >&2
await_following 1 && await_following 3
for i in $(seq 0 200); do
  slot=$(redis-cli -p "$(resp 0)" slotshashkey "probe:$i" | tail -1)
  if [ "$slot" -ge 512 ]; then PROBE="probe:$i"; break; fi
done

read -r ASYNC ASYNC_LAG_R ASYNC_LAG_MS < <(replicated_rps)
call PUT /api/groups/1 '{"mode":"consistent"}'; call PUT /api/groups/2 '{"mode":"consistent"}'
read -r CONSISTENT CONS_LAG_R CONS_LAG_MS < <(replicated_rps)
call PUT /api/groups/1 '{"mode":"async"}'; call PUT /api/groups/2 '{"mode":"async"}'
call DELETE "/api/groups/1/servers/127.0.0.1:$(resp 1)"; call DELETE "/api/groups/2/servers/127.0.0.1:$(resp 3)"
sleep 2
OFF=$(set_rps "$(resp 0)")
call POST /api/groups/1/servers "{\"node\":\"127.0.0.1:$(resp 1)\"}"
call POST /api/groups/2/servers "{\"node\":\"127.0.0.1:$(resp 3)\"}"
await_following 1 && await_following 3

echo "$KILLS kills of group 2's master under load..." >&2
redis-benchmark -p "$(resp 0)" -n 100000000 -r 100000 -c 20 -t set >/dev/null 2>&1 &
LOAD_PID=$!
WINDOWS=""
for k in $(seq 1 "$KILLS"); do
  sleep 2
  master=$(master_of 2)
  victim=$(index_of "$master")
  start=$(date +%s%N)
  kill -9 "$(cat "$CLUSTER/node-$victim.pid")"
  until [ "$(redis-cli -p "$(resp 0)" set "$PROBE" "$k" 2>/dev/null)" = OK ]; do
    sleep 0.02
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 60 ]; then echo "failover: no write within 60 s" >&2; exit 1; fi
  done
  window=$(( ($(date +%s%N) - start) / 1000000 ))
  WINDOWS+="$window "
  echo "  kill $k: $master down, writes back after $window ms, now master $(master_of 2)" >&2
  PIKKO_JAVA_OPTS="$JAVA_OPTS" "$ROOT/pikko" cluster start --nodes 4 --replicas 1 --port-offset "$OFFSET" --dir "$CLUSTER" >/dev/null 2>&1
  await_following "$victim"
done
kill "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""

P50=$(echo "$WINDOWS" | tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
MAX=$(echo "$WINDOWS" | tr ' ' '\n' | grep -v '^$' | sort -n | tail -1)

printf '\n%-34s %10s %10s %14s %10s\n' "SET through node 0 (-c 50)" "rps" "/single" "max lag (rec)" "(ms)"
printf '%-34s %10s %10s\n' "single node" "$SINGLE" "1.000"
printf '%-34s %10s %10s\n' "cluster, replication off" "$OFF" "$(ratio "$OFF" "$SINGLE")"
printf '%-34s %10s %10s %14s %10s\n' "cluster, async" "$ASYNC" "$(ratio "$ASYNC" "$SINGLE")" "$ASYNC_LAG_R" "$ASYNC_LAG_MS"
printf '%-34s %10s %10s %14s %10s\n' "cluster, consistent" "$CONSISTENT" "$(ratio "$CONSISTENT" "$SINGLE")" "$CONS_LAG_R" "$CONS_LAG_MS"
echo
echo "unavailability after kill -9 of group 2's master, $KILLS kills: p50 $P50 ms, max $MAX ms ($WINDOWS ms)"
echo "($REQUESTS requests per figure, redis-benchmark -r 100000; 4 nodes and the benchmark share this machine)"
