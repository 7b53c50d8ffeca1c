#!/usr/bin/env bash
# Installs what the tests use besides Java and Maven: redis-server (the differential test and the
# benchmark compare against it) and redis-tools (redis-cli tests). Uses Debian's packages when run
# as root on a Debian-like machine; elsewhere it only says what is missing.
set -uo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "test-deps: could not install ${missing[*]}; the tests that need them will say so and be skipped" >&2
else
  echo "test-deps: ${missing[*]} not installed; the tests that need them will say so and be skipped" >&2
fi
# The Debian package starts a redis-server on 6379; the tests start their own, so stop it.
if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server >/dev/null 2>&1 || true; fi
exit 0
