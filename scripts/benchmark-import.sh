#!/usr/bin/env bash
# Import benchmark on SQLite and on a throw-away PostgreSQL cluster, for 100k and 1M rows.
# Usage: ./scripts/benchmark-import.sh [rows ...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
mkdir -p artifacts
dotnet build -c Release benchmarks/SellerBridge.Benchmarks >/dev/null

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
pg=""
if [ -n "$bin" ]; then
  dir=$(mktemp -d /tmp/sb-bench-pg-XXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
  run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nshared_buffers = 256MB\nmax_wal_size = 4GB\n" "$port" "$dir" >> "$dir/data/postgresql.conf"
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
  trap 'run "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
  pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Timeout=60;Command Timeout=600"
fi

for rows in "${sizes[@]}"; do
  file="$PWD/artifacts/catalogue-$rows.csv"
  [ -f "$file" ] || python3 scripts/generate-catalogue.py "$rows" "$file"
  # Each run starts with the disk quiet: the previous run's gigabyte of writes would otherwise still
  # be flushing and slow the next one down by half.
  sync
  echo "== $rows rows, SQLite"
  dotnet run -c Release --no-build --project benchmarks/SellerBridge.Benchmarks -- import --file "$file"
  if [ -n "$pg" ]; then
    sync
    echo "== $rows rows, PostgreSQL"
    dotnet run -c Release --no-build --project benchmarks/SellerBridge.Benchmarks -- import --file "$file" --provider Postgres --connection "$pg" --fresh-database
  fi
done
