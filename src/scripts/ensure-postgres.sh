#!/usr/bin/env bash
# Makes sure the local PostgreSQL is running and has the service's role and database(s).
# Usage: src/scripts/ensure-postgres.sh [DATABASE ...]   (default: incidents)
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PG_ADMIN_USER (postgres),
#              DB_USER (incidents), DB_PASSWORD (incidents; a local development password, not a secret).
set -euo pipefail

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
admin=${PG_ADMIN_USER:-postgres}
db_user=${DB_USER:-incidents}
db_password=${DB_PASSWORD:-incidents}
databases=("$@")
[ ${#databases[@]} -gt 0 ] || databases=(incidents)

start_local_cluster() {
  command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL is not reachable on $host:$port and pg_ctlcluster is not installed" >&2; exit 1; }
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version cluster 'main'"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

if ! pg_isready -q -h "$host" -p "$port"; then
  case "$host" in
    127.0.0.1|localhost|::1) start_local_cluster ;;
    *) echo "PostgreSQL is not reachable on $host:$port" >&2; exit 1 ;;
  esac
  for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
  pg_isready -q -h "$host" -p "$port" || { echo "PostgreSQL did not come up on $host:$port" >&2; exit 1; }
fi

admin_sql() {
  psql -v ON_ERROR_STOP=1 -qAt -h "$host" -p "$port" -U "$admin" -d postgres "$@"
}

if [ "$(admin_sql -c "select 1 from pg_roles where rolname = '$db_user'")" != "1" ]; then
  echo "Creating role $db_user"
  admin_sql -c "create role \"$db_user\" login password '$db_password'"
fi
for db in "${databases[@]}"; do
  if [ "$(admin_sql -c "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    echo "Creating database $db"
    admin_sql -c "create database \"$db\" owner \"$db_user\""
  fi
done
echo "PostgreSQL on $host:$port is ready with database(s): ${databases[*]}"
