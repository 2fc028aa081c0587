#!/usr/bin/env bash
# Starts the service in dev mode against the local PostgreSQL, creating the role and database if absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
src/scripts/ensure-postgres.sh incidents
exec ./mvnw quarkus:dev "$@"
