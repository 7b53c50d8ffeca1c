#!/usr/bin/env bash
# Measures Codis's semi-async migration between two standalone Pikko nodes, driven as the Codis
# dashboard drives it: per slot, SLOTSMGRTTAGSLOT-ASYNC 127.0.0.1 <target> 5000 200 33554432 <slot>
# 500 until nothing remains (the dashboard's defaults). Node A (RESP 9231) is filled with N keys,
# node B (9232) starts empty; slots 0..S-1 move from A to B while a client writes and reads the
# keys of those slots as Codis's proxy does (SLOTSMGRT-EXEC-WRAPPER to A; [0, _] sends the request
# to B, [1, _] tries again). For small values, then N/10 values of 4 KiB, it prints:
#   keys/s and MB/s of the move, and the client's requests/s before and during the move.
#
#   bench/codis-migrate.sh [--keys 200000] [--slots 64] [--value-bytes 32] [--large-bytes 4096]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEYS=200000
SLOTS=64
SMALL=32
LARGE=4096
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS="$2"; shift 2 ;;
    --slots) SLOTS="$2"; shift 2 ;;
    --value-bytes) SMALL="$2"; shift 2 ;;
    --large-bytes) LARGE="$2"; shift 2 ;;
    *) echo "usage: $0 [--keys N] [--slots S] [--value-bytes B] [--large-bytes B]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/test-deps.sh"
command -v redis-benchmark >/dev/null || { echo "redis-benchmark not found" >&2; exit 1; }
WORK=$(mktemp -d)
PIDS=()
stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  touch "$WORK/stop" 2>/dev/null || true
  [ -n "${LOAD_PID:-}" ] && wait "$LOAD_PID" 2>/dev/null || true
  stop_nodes
  rm -rf "$WORK"
}
trap cleanup EXIT

start_node() { # INDEX
  local i=$1
  PIKKO_HEAP=${PIKKO_HEAP:-1g} "$ROOT/pikko" start --port $((9230 + i)) --admin-port $((9289 + i)) \
      --cluster-port $((25529 + i)) --data "$WORK/node-$i" >"$WORK/node-$i.log" 2>&1 &
  PIDS+=($!)
  until redis-cli -p $((9230 + i)) ping >/dev/null 2>&1; do sleep 0.2; done
}

# The proxy's side: SLOTSMGRT-EXEC-WRAPPER GET/SET on keys of the moving slots, 50 in flight,
# from when READYFILE is written for SECONDS, or (SECONDS 0) until STOPFILE appears; prints the
# mean requests/s.
wrapper_client() { # STOPFILE KEYSPACE SLOTS READYFILE SECONDS
  python3 - "$@" <<'PY'
import os, socket, sys, time, zlib, random
stop, keyspace, slots, ready, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
keys = [k for k in (b"key:%012d" % i for i in range(keyspace)) if zlib.crc32(k) % 1024 < slots][:20000]
def connect(port):
    s = socket.create_connection(("127.0.0.1", port)); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, s.makefile("rb")
def encode(args):
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)
def read(f):
    line = f.readline(); t, rest = line[:1], line[1:-2]
    if t == b"*":
        return [read(f) for _ in range(int(rest))]
    if t == b"$":
        n = int(rest); return None if n < 0 else f.read(n + 2)[:-2]
    if t == b":":
        return int(rest)
    return rest
a, af = connect(9231); b, bf = connect(9232)
open(ready, "w").close()
done, start = 0, time.time()
while not os.path.exists(stop) and (seconds == 0 or time.time() - start < seconds):
    batch = []
    for _ in range(50):
        k = random.choice(keys)
        batch.append([b"SET", k, b"x" * 16] if random.random() < 0.5 else [b"GET", k])
    while batch:
        a.sendall(b"".join(encode([b"SLOTSMGRT-EXEC-WRAPPER", c[1]] + c) for c in batch))
        again, moved = [], []
        for c in batch:
            code = read(af)[0]
            (moved if code == 0 else again if code == 1 else []).append(c)
        if moved:
            b.sendall(b"".join(encode(c) for c in moved))
            for _ in moved: read(bf)
        done += len(batch) - len(again)
        batch = again
print("%.0f" % (done / (time.time() - start)))
PY
}

# The dashboard's side, on one connection as codis-dashboard keeps: per slot, SELECT 0, then
# SLOTSMGRTTAGSLOT-ASYNC with its default options until nothing remains, then INFO keyspace.
dashboard() { # SLOTS
  python3 - "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", 9231)); f = s.makefile("rb")
def call(*args):
    s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in (x.encode() for x in args)))
    return read()
def read():
    line = f.readline(); t, rest = line[:1], line[1:-2]
    if t == b"*":
        return [read() for _ in range(int(rest))]
    if t == b"$":
        n = int(rest); return None if n < 0 else f.read(n + 2)[:-2]
    if t == b"-":
        sys.exit("migration failed: " + rest.decode())
    return int(rest) if t == b":" else rest
for slot in range(int(sys.argv[1])):
    call("SELECT", "0")
    while call("SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", "9232", "5000", "200", "33554432", str(slot), "500")[1] != 0:
        pass
    call("INFO", "keyspace")
PY
}

measure() { # NAME VALUE_BYTES COUNT
  local name=$1 bytes=$2 count=$3
  stop_nodes
  rm -rf "$WORK"/node-*
  start_node 1
  start_node 2
  redis-benchmark -p 9231 -c 20 -n "$((count * 3))" -r "$count" -d "$bytes" -t set -q >/dev/null
  local keys moving before during start end
  keys=$(redis-cli -p 9231 dbsize)
  moving=$(redis-cli -p 9231 slotsinfo 0 "$SLOTS" | awk 'NR % 2 == 0 {sum += $1} END {print sum + 0}')
  rm -f "$WORK/stop" "$WORK/ready"
  before=$(wrapper_client "$WORK/stop" "$count" "$SLOTS" "$WORK/ready" 5)
  rm -f "$WORK/ready"
  wrapper_client "$WORK/stop" "$count" "$SLOTS" "$WORK/ready" 0 >"$WORK/during.txt" &
  LOAD_PID=$!
  until [ -f "$WORK/ready" ]; do sleep 0.1; done
  start=$(date +%s.%N)
  dashboard "$SLOTS"
  end=$(date +%s.%N)
  touch "$WORK/stop"
  wait "$LOAD_PID"
  LOAD_PID=
  during=$(cat "$WORK/during.txt")
  local left moved_to
  left=$(redis-cli -p 9231 slotsinfo 0 "$SLOTS" | awk 'NR % 2 == 0 {sum += $1} END {print sum + 0}')
  moved_to=$(redis-cli -p 9232 dbsize)
  python3 - "$name" "$keys" "$moving" "$bytes" "$start" "$end" "$before" "$during" "$left" "$moved_to" <<'PY'
import sys
name, keys, moving, size, start, end, before, during, left, moved_to = sys.argv[1:]
moving, size, seconds = int(moving), int(size), float(end) - float(start)
print(f"{name}: {keys} keys of {size} bytes, {moving} in the moved slots, moved in {seconds:.1f} s "
      f"({moving / seconds:,.0f} keys/s, {moving * size / seconds / 1e6:.1f} MB/s of values); "
      f"left on the source {left}, on the target {moved_to}")
ratio = float(during) / float(before) if float(before) else float("nan")
print(f"  client through SLOTSMGRT-EXEC-WRAPPER: {float(before):,.0f} req/s before, {float(during):,.0f} during the move ({ratio:.2f}x)")
PY
}

"$ROOT/pikko" build >/dev/null
measure "small values" "$SMALL" "$KEYS"
measure "4 KiB values" "$LARGE" $((KEYS / 10))
