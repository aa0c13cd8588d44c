#!/usr/bin/env bash
# The restore drill (README, "Backups"): build the demo setting in a fresh
# PostgreSQL database, back it up with pg_dump in the custom format, restore
# the backup into an empty database with pg_restore, and check that the
# portal opens on the restored copy with the same records: the key tables
# hold the same number of rows, and pages answer 200 with their records.
#
#   scripts/restore_drill.sh       # PGHOST, PGPORT, PGUSER as for psql
#
# Needs a role that may create databases. Leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SOURCE="nursery_drill_source_$$"
TARGET="nursery_drill_restored_$$"
WORK="$(mktemp -d)"
url() { echo "postgres://${PGUSER}@${PGHOST}:${PGPORT}/$1"; }
manage() { local db="$1"; shift; env DEBUG=true DATABASE_URL="$(url "$db")" .venv/bin/python manage.py "$@"; }
cleanup() {
  dropdb --if-exists "$SOURCE" >/dev/null 2>&1 || true
  dropdb --if-exists "$TARGET" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== the demo setting in $SOURCE"
createdb "$SOURCE"
manage "$SOURCE" migrate --no-input -v 0
manage "$SOURCE" createcachetable
manage "$SOURCE" demo >/dev/null

echo "== backup: pg_dump -Fc"
pg_dump -Fc --no-owner -f "$WORK/nursery.dump" "$SOURCE"
pg_restore --list "$WORK/nursery.dump" >/dev/null

echo "== restore into the empty $TARGET: pg_restore"
createdb "$TARGET"
pg_restore --no-owner --exit-on-error -d "$TARGET" "$WORK/nursery.dump"

echo "== the restored copy holds the same records"
manage "$SOURCE" restore_check --counts 2>/dev/null >"$WORK/source.json"
manage "$TARGET" restore_check --counts 2>/dev/null >"$WORK/restored.json"
if ! diff "$WORK/source.json" "$WORK/restored.json"; then
  echo "The restored database differs from the original." >&2
  exit 1
fi
cat "$WORK/restored.json"; echo
manage "$TARGET" migrate --check -v 0
manage "$TARGET" restore_check 2>/dev/null
echo "== restore drill passed"
