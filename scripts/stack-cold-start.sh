#!/usr/bin/env bash
# Start-up figures of local-stack's servers (local-stack/README.md, Start-up figures): time from constructing to
# ready, and resident memory once ready, for S3Proxy and Kafka on fresh and reused folders.
#
#   scripts/stack-cold-start.sh [rounds (3)]
#
# ColdStartBenchmark runs on local-stack's test classpath in a JVM of its own (Maven profile `cold-start`,
# scripts/README.md).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

(( $# <= 1 )) || { echo "stack-cold-start: at most 1 argument (rounds), got $#" >&2; exit 2; }
exec mvn -B -q -pl local-stack -am -Pcold-start test -DskipTests "-Dtool.args=${1:-3}"
