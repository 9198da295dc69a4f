#!/usr/bin/env bash
# How long the databases alone take to store a generated catalogue's products, with no app: the
# floor under any import. The rows are put in a staging table first (not timed); then one
# transaction inserts them all into `products` as the migrations create it (its indexes, and its
# seller check), and commits. SQLite runs with the import's settings (WAL, synchronous NORMAL,
# statement journals in memory, 64 MB cache, no checkpoint at the commit); PostgreSQL on a
# throw-away cluster set up as ./scripts/benchmark-import.sh sets it up.
# Usage: ./scripts/insert-floor.sh [rows]   (default 100000; the file is generated when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
file="$PWD/artifacts/catalogue-$rows.csv"
mkdir -p artifacts
[ -f "$file" ] || python3 scripts/generate-catalogue.py "$rows" "$file"
migrations=src/SellerBridge.Web/Infrastructure/Persistence/Migrations

echo "== SQLite (Python's sqlite3 $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'))"
python3 - "$file" "$migrations/Sqlite" <<'EOF'
import csv, os, sqlite3, sys, tempfile, time
path, scripts = sys.argv[1], sys.argv[2]
folder = tempfile.mkdtemp(prefix="sb-floor-")
con = sqlite3.connect(os.path.join(folder, "floor.db"), isolation_level=None)
for script in ("0001_accounts.sql", "0003_catalogue.sql", "0013_products_seller_check.sql"):
    con.executescript(open(os.path.join(scripts, script), encoding="utf-8").read())
for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "temp_store=MEMORY", "cache_size=-65536", "wal_autocheckpoint=0"):
    con.execute("PRAGMA " + pragma)
con.execute("INSERT INTO sellers (id, company_name, brn, contact_name, email, status, created_at) VALUES (1, '측정', '2208162517', '측정', 'floor@example.kr', 'Approved', '2026-12-02')")
cols = ("seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, hs_code, barcode, image_urls, "
        "description, extra_json, content_hash, listing_status, version, created_at, updated_at, created_import_id, updated_import_id, last_import_id, last_import_row")
con.execute(f"CREATE TEMP TABLE staging AS SELECT {cols} FROM products WHERE 0")
now = "2026-12-02T00:00:00.0000000+00:00"
with open(path, encoding="utf-8-sig", newline="") as f:
    reader = csv.reader(f)
    next(reader)
    rows = [(1, c[0], c[1], int(c[2].replace(",", "")), int(c[3]), c[4], c[5] or None, c[6] or None, int(c[7]) if c[7] else None,
             c[8] or "KR", c[9] or None, c[10] or None, c[11].replace("|", "\n"), c[12] or None, "{}", "%032x" % i, "Draft", 1, now, now, 1, 1, 1, i + 2)
            for i, c in enumerate(reader)]
con.execute("BEGIN")
con.executemany(f"INSERT INTO temp.staging VALUES ({','.join('?' * 24)})", rows)
con.execute("COMMIT")
started = time.perf_counter()
con.execute("BEGIN")
con.execute(f"INSERT INTO main.products ({cols}) SELECT {cols} FROM temp.staging")
inserted = time.perf_counter()
con.execute("COMMIT")
done = time.perf_counter()
print(f"{len(rows):,} products: insert {inserted - started:.2f} s, commit {done - inserted:.2f} s, total {done - started:.2f} s ({len(rows) / (done - started):,.0f} rows/s)")
con.close()
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
os.rmdir(folder)
EOF

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "== PostgreSQL: not installed here (no initdb found); skipped"
  exit 0
fi
echo "== PostgreSQL ($("$bin/postgres" --version))"
dir=$(mktemp -d /tmp/sb-floor-pg-XXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = "0" ] && chown postgres:postgres "$dir" && chmod o+r "$file"
run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nshared_buffers = 256MB\nmax_wal_size = 4GB\n" "$port" "$dir" >> "$dir/data/postgresql.conf"
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
trap 'run "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1)
for script in 0001_accounts.sql 0003_catalogue.sql 0013_products_seller_check.sql; do
  "${psql[@]}" -f "$migrations/Postgres/$script" >/dev/null
done
"${psql[@]}" <<EOF
INSERT INTO sellers (id, company_name, brn, contact_name, email, status, created_at) VALUES (1, '측정', '2208162517', '측정', 'floor@example.kr', 'Approved', now());
CREATE UNLOGGED TABLE staging (sku text, name_ko text, price text, stock text, category text, name_zh text, brand text, weight text,
    origin text, hs_code text, barcode text, images text, description text);
\copy staging FROM '$file' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE staging;
CHECKPOINT;
\copy (SELECT 1::bigint, sku, name_ko, replace(price, ',', '')::bigint, stock::int, category, NULLIF(name_zh, ''), NULLIF(brand, ''), NULLIF(weight, '')::int, COALESCE(NULLIF(origin, ''), 'KR'), NULLIF(hs_code, ''), NULLIF(barcode, ''), replace(images, '|', E'\n'), NULLIF(description, ''), '{}', md5(sku), 'Draft', 1, now(), now(), 1::bigint, 1::bigint, 1::bigint, (row_number() OVER () + 1)::int FROM staging) TO '$dir/products.bin' WITH (FORMAT binary)
CHECKPOINT;
BEGIN;
\echo 'COPY into products (the way the import writes new products), then COMMIT:'
\timing on
\copy products (seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, hs_code, barcode, image_urls, description, extra_json, content_hash, listing_status, version, created_at, updated_at, created_import_id, updated_import_id, last_import_id, last_import_row) FROM '$dir/products.bin' WITH (FORMAT binary)
COMMIT;
EOF
