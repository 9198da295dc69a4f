-- Catalogue imports and products. Listing statuses as PRODUCT.md names them.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    file_name TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Queued', 'Running', 'Completed', 'Failed')),
    encoding TEXT NULL,
    delimiter TEXT NULL,
    header_json TEXT NULL,
    rows_total INTEGER NOT NULL DEFAULT 0,
    rows_accepted INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    rows_created INTEGER NOT NULL DEFAULT 0,
    rows_updated INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    failure_code TEXT NULL,
    failure_args TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    started_at TEXT NULL,
    finished_at TEXT NULL,
    heartbeat_at TEXT NULL,
    node TEXT NULL
);
CREATE INDEX ix_imports_seller ON imports (seller_id, id);
CREATE INDEX ix_imports_status ON imports (status, id);

CREATE TABLE import_files (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    chunk_no INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);

CREATE TABLE import_errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    row_no INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    code TEXT NOT NULL,
    args_json TEXT NOT NULL
);
CREATE INDEX ix_import_errors_import ON import_errors (import_id, row_no);

CREATE TABLE import_rejected_rows (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    row_no INTEGER NOT NULL,
    cells_json TEXT NOT NULL,
    PRIMARY KEY (import_id, row_no)
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    seller_sku TEXT NOT NULL,
    name_ko TEXT NOT NULL,
    price_krw INTEGER NOT NULL,
    stock INTEGER NOT NULL,
    category TEXT NOT NULL,
    name_zh TEXT NULL,
    brand TEXT NULL,
    weight_g INTEGER NULL,
    origin TEXT NOT NULL,
    hs_code TEXT NULL,
    barcode TEXT NULL,
    image_urls TEXT NOT NULL,
    description TEXT NULL,
    extra_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    listing_status TEXT NOT NULL DEFAULT 'Draft',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_import_id INTEGER NULL,
    updated_import_id INTEGER NULL,
    last_import_id INTEGER NULL,
    last_import_row INTEGER NULL
);
CREATE UNIQUE INDEX ux_products_seller_sku ON products (seller_id, seller_sku);
CREATE INDEX ix_products_seller_status ON products (seller_id, listing_status, id);

CREATE TABLE product_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL REFERENCES products (id),
    seller_id INTEGER NOT NULL,
    import_id INTEGER NULL,
    source TEXT NOT NULL,
    at TEXT NOT NULL,
    changes_json TEXT NOT NULL
);
CREATE INDEX ix_product_history_product ON product_history (product_id, id);
