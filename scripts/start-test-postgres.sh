#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the test suites and prints the
# TEST_DATABASE_URL line to export. Debian's packages put the server under
# /usr/lib/postgresql/<version>/bin; the cluster runs as the `postgres` user because
# PostgreSQL refuses to run as root.
#   eval "$(scripts/start-test-postgres.sh)"
set -euo pipefail

port="${TEST_PG_PORT:-54329}"
dir="${TEST_PG_DIR:-/tmp/roundtable-test-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -f "$dir/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  echo "export TEST_DATABASE_URL=postgresql://roundtable:roundtable@127.0.0.1:$port/postgres"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
as_postgres "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=200" start >/dev/null
as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -qAt -c \
  "CREATE ROLE roundtable LOGIN CREATEDB CREATEROLE PASSWORD 'roundtable';" >/dev/null
echo "export TEST_DATABASE_URL=postgresql://roundtable:roundtable@127.0.0.1:$port/postgres"
