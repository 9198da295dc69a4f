-- Listings: one row per product sent (or queued to be sent) to the marketplace. The row is also the
-- work table the publishing jobs drain: a worker claims rows with claimed_by/claimed_until, and
-- what it is about to send is written before the call, so a worker that dies is taken over safely.
-- sent_* remember what the marketplace holds now, so later pushes send only what changed.
CREATE TABLE listings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    outer_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Queued', 'Submitting', 'PendingAudit', 'Live', 'Rejected', 'Failed', 'Delisted')),
    num_iid INTEGER NULL,
    submission_id INTEGER NULL,
    payload_hash TEXT NULL,
    sent_content_hash TEXT NULL,
    sent_price_cny NUMERIC(12,2) NULL,
    sent_num INTEGER NULL,
    synced_product_version INTEGER NULL,
    reason_code TEXT NULL,
    reason_message TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT NULL,
    claimed_until TEXT NULL,
    submitted_at TEXT NOT NULL,
    live_at TEXT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_listings_product ON listings (product_id);
CREATE INDEX ix_listings_work ON listings (status, next_attempt_at);
CREATE INDEX ix_listings_seller ON listings (seller_id, status, id);
CREATE INDEX ix_listings_submission ON listings (submission_id);

-- Every call made for a listing, whatever came of it; shown to the seller and the operator.
CREATE TABLE listing_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id INTEGER NOT NULL REFERENCES listings (id),
    seller_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    method TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code INTEGER NULL,
    sub_code TEXT NULL,
    message TEXT NULL,
    worker TEXT NULL
);
CREATE INDEX ix_listing_attempts_listing ON listing_attempts (listing_id, id);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    requested INTEGER NOT NULL,
    accepted INTEGER NOT NULL
);
CREATE INDEX ix_submissions_seller ON submissions (seller_id, id);

-- What was asked for, SKU by SKU: accepted ones point at their listing, refused ones keep the reason.
CREATE TABLE submission_items (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    seller_sku TEXT NOT NULL,
    product_id INTEGER NULL,
    listing_id INTEGER NULL,
    refusal_code TEXT NULL,
    PRIMARY KEY (submission_id, seller_sku)
);
CREATE INDEX ix_submission_items_listing ON submission_items (listing_id);

-- The deployment-wide call ceiling (PostgreSQL only; SQLite is one node and limits in process): one row per limit holding the next free send time.
CREATE TABLE rate_limit_slots (
    name TEXT NOT NULL PRIMARY KEY,
    next_at TEXT NOT NULL
);
