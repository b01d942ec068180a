#!/usr/bin/env bash
# Start PostgreSQL and Redis on loopback for the tests that need them (idempotent; as root).
set -euo pipefail

version=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'yoriai'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role yoriai login password 'yoriai' createdb\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname = 'yoriai'\"" | grep -q 1 ||
  su postgres -c "createdb -O yoriai yoriai"

redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 ||
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 0.2
done
