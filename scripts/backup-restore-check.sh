#!/usr/bin/env bash
# Backs up a database with pg_dump, restores it into a new database with pg_restore and compares
# the row count of every table. Exits non-zero, with the reason on stderr, if anything differs.
#   scripts/backup-restore-check.sh postgres://user:password@host:5432/cdop [backup-file]
# Needs pg_dump/pg_restore/psql of the server's major version (or newer) on PATH.
set -euo pipefail
source_url="${1:?usage: $0 DATABASE_URL [backup-file]}"
backup="${2:-$(mktemp -t cdop-backup.XXXXXX).dump}"
base="${source_url%/*}"
target_db="cdop_restore_check_$(date +%s)"
target_url="$base/$target_db"

counts() {
  psql "$1" -At -v ON_ERROR_STOP=1 -c "
    SELECT string_agg(format('%s=%s', tablename,
             (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', tablename), false, true, '')))[1]::text),
           ',' ORDER BY tablename)
    FROM pg_tables WHERE schemaname = 'public'"
}

pg_dump --format=custom --no-owner --file="$backup" "$source_url"
psql "$base/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$target_db\""
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS \"$target_db\"" >/dev/null 2>&1 || true' EXIT
# The audit log refuses changes by trigger; a restore inserts rows, which it allows.
pg_restore --no-owner --exit-on-error --dbname="$target_url" "$backup"
before="$(counts "$source_url")"
after="$(counts "$target_url")"
if [[ "$before" != "$after" ]]; then
  echo "Row counts differ after restore:" >&2
  echo "  backed up: $before" >&2
  echo "  restored:  $after" >&2
  exit 1
fi
echo "Backup $backup restored into a new database with the same row counts: $after"
