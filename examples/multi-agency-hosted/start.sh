#!/usr/bin/env bash
# Roundtable hosted the way production runs it, on loopback: PostgreSQL with an owner role
# and an application role, Redis, two server processes and nginx in front of them.
#
#   examples/multi-agency-hosted/start.sh      # prints the URL when everything answers
#   examples/multi-agency-hosted/stop.sh       # stops it all (the data stays in .work/)
#
# Running it again restarts the stack on the data it already has. Every step is a command
# an operator runs on real hosts too; docs/deployment.md explains each one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${HOSTED_WORK_DIR:-$here/.work}"
http_port="${HOSTED_HTTP_PORT:-8080}"
api_ports=("${HOSTED_API_PORT_1:-4101}" "${HOSTED_API_PORT_2:-4102}")
pg_port="${HOSTED_PG_PORT:-55432}"
redis_port="${HOSTED_REDIS_PORT:-56379}"
database=roundtable

say() { echo "start.sh: [$SECONDS s] $*" >&2; }
fail() {
  say "$*"
  exit 1
}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries not found (apt-get install postgresql)"
command -v redis-server >/dev/null || fail "redis-server not found (apt-get install redis-server)"
[ -x "$nginx_bin" ] || fail "nginx not found (apt-get install nginx)"

# A previous run of this stack (or what is left of a failed one) goes first.
HOSTED_WORK_DIR="$work" "$here/stop.sh" >/dev/null 2>&1 || true
mkdir -p "$work/run" "$work/logs"

# If anything below fails, stop what did start and show where to look.
trap 'status=$?; if [ $status != 0 ]; then say "failed; logs are in $work/logs"; HOSTED_WORK_DIR="$work" "$here/stop.sh" >/dev/null 2>&1; fi' EXIT

# --- Secrets: generated once per work dir, kept private to this user --------------------
secret() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1" || true; }
if [ ! -f "$work/secrets.env" ]; then
  (
    umask 077
    {
      echo "OWNER_PASSWORD=$(secret 24)"
      echo "APP_PASSWORD=$(secret 24)"
      echo "JWT_SECRET=$(secret 48)"
    } >"$work/secrets.env"
  )
fi
# shellcheck source=/dev/null
. "$work/secrets.env"
jwt_secret="${AUTH_JWT_SECRET:-$JWT_SECRET}"
owner_url="postgresql://roundtable_owner:$OWNER_PASSWORD@127.0.0.1:$pg_port/$database"
app_url="postgresql://roundtable_api:$APP_PASSWORD@127.0.0.1:$pg_port/$database"
redis_url="redis://127.0.0.1:$redis_port"

# --- PostgreSQL ------------------------------------------------------------------------
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
# Its data folder lives in the work dir when that user can reach it, in /tmp otherwise.
pg_data="$work/postgres"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$work"; then
  [ -f "$work/postgres-dir" ] || mktemp -d /tmp/roundtable-hosted-pg.XXXXXX >"$work/postgres-dir"
  pg_data="$(cat "$work/postgres-dir")"
fi
pg_socket="$pg_data/socket"
if [ ! -f "$pg_data/PG_VERSION" ]; then
  say "creating the PostgreSQL cluster in $pg_data"
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_data"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >"$work/logs/initdb.log"
  as_postgres mkdir -m 700 "$pg_socket"
fi
say "starting PostgreSQL on 127.0.0.1:$pg_port"
# The superuser is reachable only through a socket in a folder no one else may enter.
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -o \
  "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_socket -c unix_socket_permissions=0700" start >/dev/null
ln -sf "$pg_data/server.log" "$work/logs/postgres.log"
psql_superuser() { as_postgres "$pg_bin/psql" -h "$pg_socket" -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# The owner owns the database and its schema and runs migrations; the server logs in as
# roundtable_api, a member of roundtable_app, which owns nothing and cannot bypass RLS.
# Privileges are the migrations' business: this script grants none.
psql_superuser -d postgres \
  -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" <<'SQL' >/dev/null
SELECT 'CREATE ROLE roundtable_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'roundtable_owner')
\gexec
SELECT 'CREATE ROLE roundtable_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'roundtable_app')
\gexec
SELECT 'CREATE ROLE roundtable_api LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE roundtable_app'
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'roundtable_api')
\gexec
ALTER ROLE roundtable_owner PASSWORD :'owner_password';
ALTER ROLE roundtable_api PASSWORD :'app_password';
SELECT 'CREATE DATABASE roundtable OWNER roundtable_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'roundtable')
\gexec
SQL

# Migrations run once, as the owner, before any server starts; servers refuse to start
# while one is pending. Then the demo agencies (metro, lakeview), also as the owner.
cd "$root"
say "migrating as roundtable_owner"
DATABASE_URL="$owner_url" AUTH_JWT_SECRET="$jwt_secret" pnpm --silent roundtable migrate >"$work/logs/migrate.log" 2>&1 ||
  fail "migration failed: $(tail -n 5 "$work/logs/migrate.log")"
say "loading the demo agencies as roundtable_owner"
DATABASE_URL="$owner_url" AUTH_JWT_SECRET="$jwt_secret" pnpm --silent roundtable seed --demo >"$work/logs/seed.log" 2>&1 ||
  fail "loading the demo agencies failed: $(tail -n 5 "$work/logs/seed.log")"

# --- Redis: carries live events between the server processes --------------------------
say "starting Redis on 127.0.0.1:$redis_port"
mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work/redis" \
  --daemonize yes --pidfile "$work/run/redis.pid" --logfile "$work/logs/redis.log"

# --- Two server processes --------------------------------------------------------------
# Each in its own session, so stop.sh can signal pnpm and the node process under it together.
http_status() { # port path -> the HTTP status code, or nothing when the port does not answer
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" && printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n" "$1" "$0" >&3 && head -n 1 <&3' \
    "$1" "$2" 2>/dev/null | cut -d " " -f 2 || true
}
for index in 1 2; do
  port="${api_ports[$((index - 1))]}"
  say "starting server $index on 127.0.0.1:$port as roundtable_api"
  (exec setsid env DATABASE_URL="$app_url" REDIS_URL="$redis_url" AUTH_JWT_SECRET="$jwt_secret" PORT="$port" \
    NODE_ENV=production TRUSTED_PROXIES=1 LOG_LEVEL="${LOG_LEVEL:-info}" pnpm start) >"$work/logs/server-$index.log" 2>&1 </dev/null &
  echo $! >"$work/run/server-$index.pid"
done
# Ready means /readyz answers 200: the process listens and its database answers.
wait_until_ready() { # name port [pidfile of the process, to stop waiting if it exits]
  local deadline=$((SECONDS + 90))
  until [ "$(http_status "$2" /readyz)" = 200 ]; do
    if [ -n "${3:-}" ] && ! kill -0 "$(cat "$3")" 2>/dev/null; then
      fail "$1 exited: $(tail -n 5 "$work/logs/$1.log")"
    fi
    [ $SECONDS -lt $deadline ] || fail "$1 is not ready after 90 s (see $work/logs/)"
    sleep 0.25
  done
}
wait_until_ready server-1 "${api_ports[0]}" "$work/run/server-1.pid"
wait_until_ready server-2 "${api_ports[1]}" "$work/run/server-2.pid"

# --- nginx: one address for clients, both processes behind it --------------------------
mkdir -p "$work/nginx/logs" "$work/nginx/temp"
sed -e "s/{{HTTP_PORT}}/$http_port/g" -e "s/{{API_PORT_1}}/${api_ports[0]}/g" -e "s/{{API_PORT_2}}/${api_ports[1]}/g" \
  "$here/nginx.conf.template" >"$work/nginx/nginx.conf"
say "starting nginx on 127.0.0.1:$http_port"
"$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log"
ln -sf "$work/nginx/logs/access.log" "$work/logs/nginx-access.log"
wait_until_ready nginx "$http_port"

# What clients and operators need, in one file they can source.
(
  umask 077
  cat >"$work/hosted.env" <<EOF
export ROUNDTABLE_URL=http://127.0.0.1:$http_port/graphql
export AUTH_JWT_SECRET=$jwt_secret
export OWNER_DATABASE_URL=$owner_url
export APP_DATABASE_URL=$app_url
export REDIS_URL=$redis_url
EOF
)

cat <<EOF
Roundtable is up at http://127.0.0.1:$http_port/graphql
  (nginx -> servers on 127.0.0.1:${api_ports[0]} and 127.0.0.1:${api_ports[1]}, PostgreSQL :$pg_port, Redis :$redis_port)
Sign in:  . $work/hosted.env && pnpm --silent roundtable token --agency metro --role CHIEF
Logs:     $work/logs/
Stop:     ${HOSTED_WORK_DIR:+HOSTED_WORK_DIR=$work }$here/stop.sh
EOF
