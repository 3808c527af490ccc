#!/usr/bin/env bash
# Stops what start.sh started, in the order a real deployment drains: the load balancer
# first, then the servers (SIGTERM: they close subscriptions with 1001 and finish open
# requests), then Redis and PostgreSQL. The data stays in the work dir, where start.sh finds
# it again, unless you say --purge.
#   examples/multi-agency-hosted/stop.sh [--purge]
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${HOSTED_WORK_DIR:-$here/.work}"
[ -d "$work" ] || exit 0

say() { echo "stop.sh: $*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Waits up to $2 seconds for process (group) $1 to go away.
gone_within() {
  for _ in $(seq 1 $(($2 * 10))); do
    kill -0 -- "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [ -f "$work/nginx/nginx.pid" ]; then
  say "stopping nginx"
  pid="$(cat "$work/nginx/nginx.pid")"
  "$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" -s quit 2>/dev/null
  gone_within "$pid" 10 || kill -KILL "$pid" 2>/dev/null
fi

# Each server runs in its own session (start.sh), so its pid is also its process group:
# signalling the group reaches pnpm and the node process under it.
for pidfile in "$work"/run/server-*.pid; do
  [ -f "$pidfile" ] || continue
  group="-$(cat "$pidfile")"
  if kill -0 -- "$group" 2>/dev/null; then
    say "stopping $(basename "$pidfile" .pid)"
    kill -TERM -- "$group" 2>/dev/null
    gone_within "$group" 15 || kill -KILL -- "$group" 2>/dev/null
  fi
  rm -f "$pidfile"
done

if [ -f "$work/run/redis.pid" ]; then
  say "stopping Redis"
  pid="$(cat "$work/run/redis.pid")"
  kill -TERM "$pid" 2>/dev/null
  gone_within "$pid" 10 || kill -KILL "$pid" 2>/dev/null
  rm -f "$work/run/redis.pid"
fi

pg_data="$work/postgres"
[ -f "$work/postgres-dir" ] && pg_data="$(cat "$work/postgres-dir")"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -f "$pg_data/postmaster.pid" ] && [ -x "$pg_bin/pg_ctl" ]; then
  say "stopping PostgreSQL"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
fi

if [ "${1:-}" = --purge ]; then
  # Only what start.sh made: the work dir may be one the caller also uses for other things.
  say "deleting the stack's data in $work"
  rm -rf "$pg_data" "$work"/{postgres,postgres-dir,redis,nginx,run,logs,secrets.env,hosted.env}
  rmdir "$work" 2>/dev/null
fi
exit 0
