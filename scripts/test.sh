#!/usr/bin/env bash
# Installs what the tests need, builds, runs unit and integration tests, and ends with the
# totals on one line: "N passed, N failed, N skipped". Exit status is non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

configuration=${CONFIGURATION:-Release}
if ! dotnet build MediaOrleans.sln -c "$configuration" -nologo -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

passed=0 failed=0 skipped=0 status=0
for project in tests/Unit tests/Integration; do
  log=$(mktemp)
  dotnet test "$project" -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "no test summary from $project"; failed=$((failed + 1)); status=1
  else
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")))
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")))
  fi
  rm -f "$log"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && exit "$status" || exit 1
