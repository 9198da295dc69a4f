-- Catalogue imports and products. Listing statuses as PRODUCT.md names them.
CREATE TABLE imports (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    file_name NVARCHAR(MAX) NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 NVARCHAR(MAX) NOT NULL,
    source NVARCHAR(MAX) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Queued', 'Running', 'Completed', 'Failed')),
    encoding NVARCHAR(MAX) NULL,
    delimiter NVARCHAR(MAX) NULL,
    header_json NVARCHAR(MAX) NULL,
    rows_total INTEGER NOT NULL DEFAULT 0,
    rows_accepted INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    rows_created INTEGER NOT NULL DEFAULT 0,
    rows_updated INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    failure_code NVARCHAR(MAX) NULL,
    failure_args NVARCHAR(MAX) NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at DATETIMEOFFSET NOT NULL,
    started_at DATETIMEOFFSET NULL,
    finished_at DATETIMEOFFSET NULL,
    heartbeat_at DATETIMEOFFSET NULL,
    node NVARCHAR(200) NULL
);
CREATE INDEX ix_imports_seller ON imports (seller_id, id);
CREATE INDEX ix_imports_status ON imports (status, id);

CREATE TABLE import_files (
    import_id BIGINT NOT NULL REFERENCES imports (id),
    chunk_no INTEGER NOT NULL,
    data VARBINARY(MAX) NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);

CREATE TABLE import_errors (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    import_id BIGINT NOT NULL REFERENCES imports (id),
    row_no INTEGER NOT NULL,
    column_name NVARCHAR(MAX) NOT NULL,
    code NVARCHAR(MAX) NOT NULL,
    args_json NVARCHAR(MAX) NOT NULL
);
CREATE INDEX ix_import_errors_import ON import_errors (import_id, row_no);

CREATE TABLE import_rejected_rows (
    import_id BIGINT NOT NULL REFERENCES imports (id),
    row_no INTEGER NOT NULL,
    cells_json NVARCHAR(MAX) NOT NULL,
    PRIMARY KEY (import_id, row_no)
);

CREATE TABLE products (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    seller_sku NVARCHAR(64) NOT NULL,
    name_ko NVARCHAR(MAX) NOT NULL,
    price_krw BIGINT NOT NULL,
    stock INTEGER NOT NULL,
    category NVARCHAR(MAX) NOT NULL,
    name_zh NVARCHAR(MAX) NULL,
    brand NVARCHAR(MAX) NULL,
    weight_g INTEGER NULL,
    origin NVARCHAR(MAX) NOT NULL,
    hs_code NVARCHAR(MAX) NULL,
    barcode NVARCHAR(MAX) NULL,
    image_urls NVARCHAR(MAX) NOT NULL,
    description NVARCHAR(MAX) NULL,
    extra_json NVARCHAR(MAX) NOT NULL,
    content_hash NVARCHAR(MAX) NOT NULL,
    listing_status NVARCHAR(20) NOT NULL DEFAULT 'Draft',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL,
    created_import_id BIGINT NULL,
    updated_import_id BIGINT NULL,
    last_import_id BIGINT NULL,
    last_import_row INTEGER NULL
);
CREATE UNIQUE INDEX ux_products_seller_sku ON products (seller_id, seller_sku);
CREATE INDEX ix_products_seller_status ON products (seller_id, listing_status, id);

CREATE TABLE product_history (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products (id),
    seller_id BIGINT NOT NULL,
    import_id BIGINT NULL,
    source NVARCHAR(MAX) NOT NULL,
    at DATETIMEOFFSET NOT NULL,
    changes_json NVARCHAR(MAX) NOT NULL
);
CREATE INDEX ix_product_history_product ON product_history (product_id, id);
