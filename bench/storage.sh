#!/usr/bin/env bash
# Times the storage calls of SET, GET and SADD on a fresh store, without the network or actors
# (storage/src/test/.../bench/StorageBench). Arguments go to StorageBench, e.g.
#
#   bench/storage.sh [--keys 300000] [--sets 3] [--members 1000000] [--cache-mb 32]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -o -q -B -pl storage -am test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -o -q -B -pl storage dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
java -cp "storage/target/test-classes:storage/target/classes:protocol/target/classes:$(cat "$CP_FILE")" \
  io.pikko.storage.bench.StorageBench "$@"
