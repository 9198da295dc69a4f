-- Orders sync, shipping, refunds in settlement and payment reconciliation.
--
-- order_lines.seller_id becomes nullable: a line whose outer_iid is not one of ours (an item listed
-- by hand in the shop, or a seller since removed) is kept with no seller and shown to the operator,
-- never dropped. The index on the column is dropped and made again around the change.
DROP INDEX ix_order_lines_seller ON order_lines;
ALTER TABLE order_lines ALTER COLUMN seller_id BIGINT NULL;
CREATE INDEX ix_order_lines_seller ON order_lines (seller_id, order_id);

-- The orders pages page by (created, id), newest first. by (created, id), newest first.
CREATE INDEX ix_orders_created ON orders (created, id);

-- Where each incremental pull stopped (the orders pull: the end of the last stored window).
CREATE TABLE sync_checkpoints (
    name NVARCHAR(100) NOT NULL PRIMARY KEY,
    value NVARCHAR(MAX) NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL
);

-- One shipment per seller and order: the tracking number the seller entered and whether the
-- marketplace has been told (taobao.logistics.offline.send).
CREATE TABLE shipments (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    company_code NVARCHAR(64) NOT NULL,
    tracking_number NVARCHAR(64) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Queued', 'Sent', 'Failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error NVARCHAR(MAX) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL,
    sent_at DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_shipments_order_seller ON shipments (order_id, seller_id);
CREATE INDEX ix_shipments_status ON shipments (status, id);

-- A succeeded refund taken back out of the seller's settlement, at the line's settlement rate and
-- percentages, on the day the refund completed (GMT+8). Figures are stored positive.
CREATE TABLE settlement_refunds (
    refund_id BIGINT NOT NULL PRIMARY KEY REFERENCES refunds (id),
    order_line_id BIGINT NOT NULL REFERENCES order_lines (id),
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    cny_amount NUMERIC(12,2) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    krw_gross BIGINT NOT NULL,
    processor_fee_krw BIGINT NOT NULL,
    commission_krw BIGINT NOT NULL,
    krw_net BIGINT NOT NULL,
    settlement_date CHAR(10) NOT NULL,
    computed_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_settlement_refunds_seller ON settlement_refunds (seller_id, settlement_date);

-- What the reconciliation found when it asked the processor itself: Fixed (the verified status
-- was applied) or Flagged (for the operator). One row per order, kind and verified status.
CREATE TABLE reconciliation_items (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    kind NVARCHAR(64) NOT NULL,
    outcome NVARCHAR(20) NOT NULL CHECK (outcome IN ('Fixed', 'Flagged', 'Resolved')),
    verified_status NVARCHAR(64) NOT NULL,
    detail NVARCHAR(MAX) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    resolved_at DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_reconciliation_items_key ON reconciliation_items (order_id, kind, verified_status);
CREATE INDEX ix_reconciliation_items_outcome ON reconciliation_items (outcome, id);
