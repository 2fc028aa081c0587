#!/usr/bin/env bash
# Builds the service and runs it with the dev profile against the local PostgreSQL, creating the role and
# database if absent. Extra arguments go to the JVM as system properties, e.g. -Dquarkus.http.port=8081.
# (Quarkus dev mode, ./mvnw quarkus:dev, needs io.quarkus:quarkus-devui, which the Maven mirror here lacks
# for 3.37.3; the packaged application with the dev profile behaves the same apart from live reload.)
set -euo pipefail
cd "$(dirname "$0")/../.."
src/scripts/ensure-postgres.sh incidents
./mvnw -B -q package -DskipTests
exec java -Dquarkus.profile=dev "$@" -jar target/quarkus-app/quarkus-run.jar
