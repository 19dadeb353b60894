#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1:${PGPORT:-55432} for the store tests,
# installing Debian's postgresql package first when it is missing. Prints the connection URL.
set -euo pipefail
port=${PGPORT:-55432}
dir=${PGTEST_DIR:-/tmp/bizenv-pgtest}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/postgres" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$bindir/initdb -D $dir/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 >$dir/initdb.log 2>&1"
  run "$bindir/pg_ctl -D $dir/data -o '-c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -k /tmp' -l $dir/server.log -w start >&2"
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
