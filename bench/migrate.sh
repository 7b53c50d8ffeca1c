#!/usr/bin/env bash
# Measures online slot migration on a 2-node local cluster (./pikko cluster start in a temp
# directory: RESP 9221-9222, admin 9280-9281, cluster 25520-25521, H2 journal 9092, so those ports
# must be free). Group 1 = node 0 holds every slot; group 2 = node 1 is empty. For each data set
# (N small values, then N/10 large values) it fills group 1, measures clients' throughput
# (redis-benchmark GET+SET through node 1) before the move, then moves slots 0..511 to group 2
# while the same load runs, and prints:
#   keys/s and MB/s of the move, the cutover pause per slot (p50, p99 and max: how long each
#   slot's writes were held back at its cutover, from the source node's log), the clients'
#   throughput during the move relative to before it, and how many of their requests failed.
#
#   bench/migrate.sh [--keys 200000] [--parallel 8] [--value-bytes 32] [--large-bytes 4096]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEYS=200000
PARALLEL=8
SMALL=32
LARGE=4096
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS="$2"; shift 2 ;;
    --parallel) PARALLEL="$2"; shift 2 ;;
    --value-bytes) SMALL="$2"; shift 2 ;;
    --large-bytes) LARGE="$2"; shift 2 ;;
    *) echo "usage: $0 [--keys N] [--parallel N] [--value-bytes B] [--large-bytes B]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/test-deps.sh"
command -v redis-benchmark >/dev/null || { echo "redis-benchmark not found" >&2; exit 1; }
WORK=$(mktemp -d)
cleanup() {
  touch "$WORK/stop" 2>/dev/null || true
  [ -n "${LOAD_PID:-}" ] && wait "$LOAD_PID" 2>/dev/null || true
  "$ROOT/pikko" cluster stop --dir "$WORK/cluster" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

api() { # METHOD PATH [JSON]
  curl -sf -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "http://127.0.0.1:9280$2"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Client load through node 1: fixed-size GET+SET rounds, repeated until FILE appears. A request
# that gets an error ends redis-benchmark's round; the errors go to ERRFILE.
load_until() { # STOPFILE KEYSPACE ERRFILE
  while [ ! -f "$1" ]; do
    redis-benchmark -p 9222 -c 20 -n 20000 -r "$2" -d "$SMALL" -t get,set -q 2>>"$3"
  done
}
mean_rps() { tr '\r' '\n' <"$1" | awk '/requests per second/ {sum += $2; n++} END {print (n ? sum / n : 0)}'; }

measure() { # NAME VALUE_BYTES COUNT
  local name=$1 bytes=$2 count=$3
  "$ROOT/pikko" cluster stop --dir "$WORK/cluster" >/dev/null 2>&1 || true
  rm -rf "$WORK/cluster"
  "$ROOT/pikko" cluster start --nodes 2 --dir "$WORK/cluster" >/dev/null
  api POST /api/groups '{"id":2}' >/dev/null
  api POST /api/groups/2/servers '{"node":"127.0.0.1:9222"}' >/dev/null
  api PUT /api/actions/settings "{\"parallel\":$PARALLEL}" >/dev/null
  redis-benchmark -p 9221 -c 20 -n "$count" -r "$count" -d "$bytes" -t set -q >/dev/null
  local keys moving
  keys=$(redis-cli -p 9221 dbsize)
  # SLOTSINFO (Codis's command) lists [slot, keys] for the slots that hold keys.
  moving=$(redis-cli -p 9221 slotsinfo 0 512 | awk 'NR % 2 == 0 {sum += $1} END {print sum + 0}')

  local before during start end seconds
  rm -f "$WORK/stop"
  (for _ in 1 2 3; do redis-benchmark -p 9222 -c 20 -n 20000 -r "$count" -d "$SMALL" -t get,set -q 2>/dev/null; done) \
      >"$WORK/before.txt"
  before=$(mean_rps "$WORK/before.txt")
  : >"$WORK/errors.txt"
  load_until "$WORK/stop" "$count" "$WORK/errors.txt" >"$WORK/during.txt" &
  LOAD_PID=$!
  start=$(date +%s.%N)
  api POST /api/slots/migrate '{"from":0,"to":511,"group":2}' >/dev/null
  until [ "$(api GET /api/actions | json "len(d['actions'])")" = 0 ]; do sleep 0.2; done
  end=$(date +%s.%N)
  touch "$WORK/stop"
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=
  during=$(mean_rps "$WORK/during.txt")
  cp "$WORK/during.txt" "${TMPDIR:-/tmp}/pikko-migrate-during-$name.txt" 2>/dev/null || true
  seconds=$(python3 -c "print($end - $start)")
  local halves
  halves=$(api GET /api/overview | json "' / '.join(str(g['keys']) for g in d['groups'])")
  python3 - "$name" "$keys" "$moving" "$bytes" "$seconds" "$before" "$during" "$halves" "$WORK/cluster/node-0.log" \
      "$WORK/errors.txt" <<'EOF'
import re, statistics, sys
name, keys, moving, size, seconds, before, during, halves, log, errors = sys.argv[1:]
moving, size, seconds = int(moving), int(size), float(seconds)
pauses = [int(m.group(1)) for m in re.finditer(r"cutover paused writes for (\d+) ms", open(log).read())]
pauses.sort()
p50 = statistics.median(pauses) if pauses else float("nan")
print(f"{name}: {keys} keys of {size} bytes, {moving} in slots 0..511 moved in {seconds:.1f} s "
      f"({moving / seconds:,.0f} keys/s, {moving * size / seconds / 1e6:.1f} MB/s of values); keys per group after: {halves}")
p99 = pauses[min(len(pauses) - 1, int(len(pauses) * 0.99))] if pauses else float("nan")
print(f"  cutover pause per slot ({len(pauses)} slots): p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {max(pauses) if pauses else 0} ms")
ratio = float(during) / float(before) if float(before) else float("nan")
failed = [line.strip() for line in open(errors) if line.strip()]
print(f"  clients (GET+SET through node 1): {float(before):,.0f} req/s before, {float(during):,.0f} during the move ({ratio:.2f}x,"
      f" over the rounds that ended without an error)")
print(f"  client requests that failed during the move: {len(failed)}" + (f" (first: {failed[0]})" if failed else ""))
EOF
}

"$ROOT/pikko" build >/dev/null
measure "small values" "$SMALL" "$KEYS"
measure "large values" "$LARGE" $((KEYS / 10))
