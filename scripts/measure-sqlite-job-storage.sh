#!/usr/bin/env bash
# Measures the two Hangfire storages served for SQLite with the kill tests: the app is killed with
# SIGKILL mid-import (300,000 rows) and mid-submission (120 listings), started again, and must end
# with every product imported once and every listing live once. Prints, per storage and run, whether
# both tests passed and the seconds from the restart until the work was done.
#   ./scripts/measure-sqlite-job-storage.sh [runs]     (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
# Hangfire.Storage.SQLite is built in only for this measurement; the normal build is restored at the end.
dotnet build tests/SellerBridge.Tests -v q -nologo -p:WithSqliteFileJobStorage=true >/dev/null
trap 'dotnet build tests/SellerBridge.Tests -v q -nologo >/dev/null' EXIT
filter='(FullyQualifiedName~ImportCrashTests|FullyQualifiedName~A_worker_killed_mid_submission)&DisplayName~Sqlite'
for run in $(seq 1 "$runs"); do
  for storage in InMemory File; do
    log=$(mktemp)
    status=passed
    Jobs__SqliteStorage=$storage dotnet test tests/SellerBridge.Tests --no-build --filter "$filter" \
      --logger "console;verbosity=detailed" >"$log" 2>&1 || status=FAILED
    recovered=$(grep -oE 'recovered after restart in [0-9.]+ s \([a-z]+\)' "$log" | sed -E 's/recovered after restart in ([0-9.]+) s \(([a-z]+)\)/\2 \1 s/' | tr '\n' ';')
    counted=$(grep -E '^\s+(Passed|Failed):' "$log" | tr -s ' ' | tr '\n' ' ')
    echo "$storage run $run: $status; $counted; recovery: ${recovered:-none reported}"
    rm -f "$log"
  done
done
