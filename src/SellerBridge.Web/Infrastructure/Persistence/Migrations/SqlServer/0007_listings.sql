-- Listings: one row per product sent (or queued to be sent) to the marketplace. The row is also the
-- work table the publishing jobs drain: a worker claims rows with claimed_by/claimed_until, and
-- what it is about to send is written before the call, so a worker that dies is taken over safely.
-- sent_* remember what the marketplace holds now, so later pushes send only what changed.
CREATE TABLE listings (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    outer_id NVARCHAR(200) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Queued', 'Submitting', 'PendingAudit', 'Live', 'Rejected', 'Failed', 'Delisted')),
    num_iid BIGINT NULL,
    submission_id BIGINT NULL,
    payload_hash NVARCHAR(64) NULL,
    sent_content_hash NVARCHAR(64) NULL,
    sent_price_cny NUMERIC(12,2) NULL,
    sent_num INTEGER NULL,
    synced_product_version INTEGER NULL,
    reason_code NVARCHAR(MAX) NULL,
    reason_message NVARCHAR(MAX) NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIMEOFFSET NOT NULL,
    claimed_by NVARCHAR(200) NULL,
    claimed_until DATETIMEOFFSET NULL,
    submitted_at DATETIMEOFFSET NOT NULL,
    live_at DATETIMEOFFSET NULL,
    updated_at DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_listings_product ON listings (product_id);
CREATE INDEX ix_listings_work ON listings (status, next_attempt_at);
CREATE INDEX ix_listings_seller ON listings (seller_id, status, id);
CREATE INDEX ix_listings_submission ON listings (submission_id);

-- Every call made for a listing, whatever came of it; shown to the seller and the operator.
CREATE TABLE listing_attempts (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    listing_id BIGINT NOT NULL REFERENCES listings (id),
    seller_id BIGINT NOT NULL,
    at DATETIMEOFFSET NOT NULL,
    method NVARCHAR(MAX) NOT NULL,
    outcome NVARCHAR(20) NOT NULL,
    code INTEGER NULL,
    sub_code NVARCHAR(MAX) NULL,
    message NVARCHAR(MAX) NULL,
    worker NVARCHAR(200) NULL
);
CREATE INDEX ix_listing_attempts_listing ON listing_attempts (listing_id, id);

CREATE TABLE submissions (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    source NVARCHAR(MAX) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    requested INTEGER NOT NULL,
    accepted INTEGER NOT NULL
);
CREATE INDEX ix_submissions_seller ON submissions (seller_id, id);

-- What was asked for, SKU by SKU: accepted ones point at their listing, refused ones keep the reason.
CREATE TABLE submission_items (
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    seller_sku NVARCHAR(64) NOT NULL,
    product_id BIGINT NULL,
    listing_id BIGINT NULL,
    refusal_code NVARCHAR(MAX) NULL,
    PRIMARY KEY (submission_id, seller_sku)
);
CREATE INDEX ix_submission_items_listing ON submission_items (listing_id);

-- The deployment-wide call ceiling (PostgreSQL): one row per limit holding the next free send time.
CREATE TABLE rate_limit_slots (
    name NVARCHAR(100) NOT NULL PRIMARY KEY,
    next_at DATETIMEOFFSET NOT NULL
);
