#!/usr/bin/env bash
# Installs what the tests use besides Java and Maven: redis-server (the differential test and the
# benchmark compare against it), redis-tools (redis-cli tests), strace (the appendfsync test counts
# a node's fsync calls with it), PostgreSQL (the multi-JVM test
# of the PostgreSQL-backed dashboard journal: role pikko, password pikko, database pikko_test, on
# 127.0.0.1:5432) and Chromium with its chromedriver (the dashboard page's browser test). Uses
# Debian's packages when run as root on a Debian-like machine; elsewhere it only says what is
# missing. It never fails: the tests that need a missing piece say so.
# Idempotent: run it as often as you like.
set -uo pipefail

can_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    apt-get update -qq >/dev/null 2>&1
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

install_redis() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  [ ${#missing[@]} -eq 0 ] && return 0
  if can_install; then
    echo "test-deps: installing ${missing[*]}" >&2
    apt_install "${missing[@]}" \
      || echo "test-deps: could not install ${missing[*]}; the tests that need them will say so and be skipped" >&2
  else
    echo "test-deps: ${missing[*]} not installed; the tests that need them will say so and be skipped" >&2
  fi
  # The Debian package starts a redis-server on 6379; the tests start their own, so stop it.
  if command -v systemctl >/dev/null 2>&1; then systemctl stop redis-server >/dev/null 2>&1 || true; fi
}

install_strace() {
  command -v strace >/dev/null 2>&1 && return 0
  if can_install; then
    echo "test-deps: installing strace" >&2
    apt_install strace || echo "test-deps: could not install strace; the appendfsync test will be skipped" >&2
  else
    echo "test-deps: strace not installed; the appendfsync test will be skipped" >&2
  fi
}

install_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ ${#missing[@]} -eq 0 ] && return 0
  if can_install; then
    echo "test-deps: installing ${missing[*]}" >&2
    apt_install "${missing[@]}" \
      || echo "test-deps: could not install ${missing[*]}; the dashboard's browser test will be skipped" >&2
  else
    echo "test-deps: ${missing[*]} not installed; the dashboard's browser test will be skipped" >&2
  fi
}

postgres_ready() {
  PGPASSWORD=pikko PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p 5432 -U pikko -d pikko_test -tAc 'SELECT 1' >/dev/null 2>&1
}

# as_postgres SQL: runs one statement as the database superuser, over the local socket.
as_postgres() {
  (cd /tmp && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -tAc "$1")
}

install_postgres() {
  postgres_ready && return 0
  if ! can_install || ! command -v runuser >/dev/null 2>&1; then
    echo "test-deps: PostgreSQL (role pikko, database pikko_test on 127.0.0.1:5432) not available; the PostgreSQL journal test will be skipped" >&2
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "test-deps: installing postgresql" >&2
    apt_install postgresql || { echo "test-deps: could not install postgresql; the PostgreSQL journal test will be skipped" >&2; return 0; }
  fi
  local version
  version=$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main" { print $1; exit }')
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
    [ -n "$version" ] && pg_createcluster "$version" main >/dev/null 2>&1
  fi
  if [ -z "$version" ]; then
    echo "test-deps: no PostgreSQL cluster could be created; the PostgreSQL journal test will be skipped" >&2
    return 0
  fi
  # In a container without systemd, pg_ctlcluster starts the server directly (as the postgres user).
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
    pg_ctlcluster "$version" main start >/dev/null 2>&1 || service postgresql start >/dev/null 2>&1
  fi
  if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'pikko'" 2>/dev/null)" != 1 ]; then
    as_postgres "CREATE ROLE pikko LOGIN PASSWORD 'pikko'" >/dev/null 2>&1
  fi
  if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'pikko_test'" 2>/dev/null)" != 1 ]; then
    as_postgres "CREATE DATABASE pikko_test OWNER pikko" >/dev/null 2>&1
  fi
  if postgres_ready; then
    echo "test-deps: PostgreSQL $version ready: jdbc:postgresql://127.0.0.1:5432/pikko_test (user pikko)" >&2
  else
    echo "test-deps: PostgreSQL $version installed but pikko@127.0.0.1:5432/pikko_test does not answer (see pg_lsclusters); the PostgreSQL journal test will be skipped" >&2
  fi
}

install_redis
install_strace
install_postgres
install_chromium
exit 0
