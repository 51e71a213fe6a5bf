#!/usr/bin/env bash
# Runs every benchmark in bench/ in turn; exits non-zero if any of them fails.
# Usage: bash bench/run.sh   (env such as DURATION=10s CONNECTIONS=50 is passed through)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

benchmarks=(http-playback transcode fanout couchdb-first-byte bus failover)
failed=()
for b in "${benchmarks[@]}"; do
  echo "=== bench: $b ===" >&2
  if ! bash "$here/$b.sh"; then
    failed+=("$b")
  fi
done

if ((${#failed[@]})); then
  echo "benchmarks failed: ${failed[*]}" >&2
  exit 1
fi
echo "all benchmarks finished" >&2
