#!/usr/bin/env bash
# The busiest pages on PostgreSQL, with the demo setting and at ten times its
# size, one after the other in one run, each beside the stack's floor (see
# nursery/setting/management/commands/benchmark.py).
#
#   scripts/bench_pages.sh [postgres://user@host:port] [repeat]
#
# It creates (and afterwards drops) two databases, bench_pages_1 and
# bench_pages_10, on that server: the server's user must be allowed to.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=${1:-postgres://postgres@127.0.0.1:5432}
REPEAT=${2:-20}
PY=.venv/bin/python

for scale in 1 10; do
  db="bench_pages_$scale"
  psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  export DATABASE_URL="$SERVER/$db"
  DEBUG=true $PY manage.py migrate --no-input -v0
  DEBUG=true $PY manage.py createcachetable
  DEBUG=true $PY manage.py demo --scale "$scale" >/dev/null
  # The planner's statistics of the tables just filled, as a database in
  # use has them (autovacuum would gather them in its own time).
  psql "$SERVER/$db" -qc "ANALYZE"
done
for scale in 1 10; do
  echo "== PostgreSQL, the demo setting at scale $scale"
  DATABASE_URL="$SERVER/bench_pages_$scale" DEBUG=true $PY manage.py benchmark --repeat "$REPEAT"
done
for scale in 1 10; do
  psql "$SERVER/postgres" -qc "DROP DATABASE bench_pages_$scale"
done
