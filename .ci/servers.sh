#!/usr/bin/env bash
# Installs (when absent) and starts RabbitMQ and PostgreSQL without systemd, waits until both
# answer, and exports the connection settings the tests read. Meant to be sourced:
#   source .ci/servers.sh            # start, and stop again when the sourcing shell exits
#   KEEP_SERVERS=1 source .ci/servers.sh   # leave them running (development machines)
# The settings are also written to $CI_STATE/env for other shells to source.
set -euo pipefail
CI_STATE=${CI_STATE:-/tmp/orchestration-servers}
export DEBIAN_FRONTEND=noninteractive

need=()
command -v rabbitmq-server >/dev/null 2>&1 || need+=(rabbitmq-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# RabbitMQ: node rabbit@localhost, state under $CI_STATE, loopback only.
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_MNESIA_BASE=$CI_STATE/rabbitmq/mnesia RABBITMQ_LOG_BASE=$CI_STATE/rabbitmq/log
export RABBITMQ_CONFIG_FILE=$CI_STATE/rabbitmq/rabbitmq
export RABBITMQ_ENABLED_PLUGINS_FILE=$CI_STATE/rabbitmq/enabled_plugins
export RABBITMQ_PID_FILE=$CI_STATE/rabbitmq/rabbit.pid
# A node left by an earlier run on a reused machine must be gone before its files are.
timeout 60 rabbitmqctl -n "$RABBITMQ_NODENAME" shutdown >/dev/null 2>&1 || true
pkill -f 'beam.smp.*-s rabbit boot' 2>/dev/null || true
for _ in $(seq 1 30); do ss -ltn 2>/dev/null | grep -q '127.0.0.1:5672 ' || break; sleep 1; done
rm -rf "$CI_STATE/rabbitmq"; mkdir -p "$CI_STATE/rabbitmq"/{mnesia,log}
printf '%s\n' 'listeners.tcp.default = 127.0.0.1:5672' 'management.tcp.ip = 127.0.0.1' \
  'management.tcp.port = 15672' > "$CI_STATE/rabbitmq/rabbitmq.conf"
chown -R rabbitmq:rabbitmq "$CI_STATE/rabbitmq"
rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
rabbitmq-server -detached
rabbitmqctl wait --timeout 120 "$RABBITMQ_PID_FILE" >/dev/null

# PostgreSQL: a throwaway cluster with password auth on 127.0.0.1; durability off (tests only).
PGBIN=/usr/lib/postgresql/15/bin
PGPORT_CI=${PGPORT_CI:-5432}
if [ -f "$CI_STATE/pg/data/postmaster.pid" ]; then
  su postgres -c "$PGBIN/pg_ctl -D $CI_STATE/pg/data -m fast -w stop" >/dev/null 2>&1 || true
fi
rm -rf "$CI_STATE/pg"; mkdir -p "$CI_STATE/pg"; echo postgres > "$CI_STATE/pg/pw"
chown -R postgres:postgres "$CI_STATE/pg"
su postgres -c "$PGBIN/initdb -D $CI_STATE/pg/data -U postgres --pwfile=$CI_STATE/pg/pw --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $CI_STATE/pg/data -l $CI_STATE/pg/log -w -t 60 start -o \"-p $PGPORT_CI -c listen_addresses=127.0.0.1 -c unix_socket_directories=$CI_STATE/pg -c max_connections=2500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\"" >/dev/null
pg_isready -q -h 127.0.0.1 -p "$PGPORT_CI" -t 30

export RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672/
export RABBITMQ_MANAGEMENT_URL=http://guest:guest@127.0.0.1:15672/
export POSTGRES_CONNECTION="Host=127.0.0.1;Port=$PGPORT_CI;Username=postgres;Password=postgres;Database=postgres"
cat > "$CI_STATE/env" <<ENV
export RABBITMQ_NODENAME=$RABBITMQ_NODENAME RABBITMQ_MNESIA_BASE=$RABBITMQ_MNESIA_BASE RABBITMQ_LOG_BASE=$RABBITMQ_LOG_BASE
export RABBITMQ_CONFIG_FILE=$RABBITMQ_CONFIG_FILE RABBITMQ_ENABLED_PLUGINS_FILE=$RABBITMQ_ENABLED_PLUGINS_FILE RABBITMQ_PID_FILE=$RABBITMQ_PID_FILE
export RABBITMQ_URL=$RABBITMQ_URL
export RABBITMQ_MANAGEMENT_URL=$RABBITMQ_MANAGEMENT_URL
export POSTGRES_CONNECTION="$POSTGRES_CONNECTION"
ENV

stop_servers() {
  rabbitmqctl shutdown >/dev/null 2>&1 || true
  su postgres -c "$PGBIN/pg_ctl -D $CI_STATE/pg/data -m fast -w stop" >/dev/null 2>&1 || true
}
if [ -z "${KEEP_SERVERS:-}" ]; then trap stop_servers EXIT; fi
set +euo pipefail
echo "RabbitMQ and PostgreSQL are up (settings in $CI_STATE/env)"
