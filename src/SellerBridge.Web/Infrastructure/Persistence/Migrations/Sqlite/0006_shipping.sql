-- Orders sync, shipping, refunds in settlement and payment reconciliation.
--
-- order_lines.seller_id becomes nullable: a line whose outer_iid is not one of ours (an item listed
-- by hand in the shop, or a seller since removed) is kept with no seller and shown to the operator,
-- never dropped. SQLite cannot relax NOT NULL in place, so the table is rebuilt; nothing wrote
-- order_lines before the orders pull, and the rows are copied all the same.
CREATE TABLE order_lines_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    seller_id INTEGER NULL REFERENCES sellers (id),
    oid INTEGER NOT NULL,
    outer_iid TEXT NOT NULL,
    num_iid INTEGER NOT NULL,
    product_id INTEGER NULL REFERENCES products (id),
    title TEXT NOT NULL,
    price_cny NUMERIC(12,2) NOT NULL,
    num INTEGER NOT NULL,
    total_fee_cny NUMERIC(12,2) NOT NULL,
    status TEXT NOT NULL,
    refunded_cny NUMERIC(12,2) NOT NULL DEFAULT 0
);
INSERT INTO order_lines_new SELECT id, order_id, seller_id, oid, outer_iid, num_iid, product_id, title, price_cny, num, total_fee_cny, status, refunded_cny FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_new RENAME TO order_lines;
CREATE UNIQUE INDEX ux_order_lines_oid ON order_lines (oid);
CREATE INDEX ix_order_lines_order ON order_lines (order_id);
CREATE INDEX ix_order_lines_seller ON order_lines (seller_id, order_id);

-- The orders pages page by (created, id), newest first.
CREATE INDEX ix_orders_created ON orders (created, id);

-- Where each incremental pull stopped (the orders pull: the end of the last stored window).
CREATE TABLE sync_checkpoints (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One shipment per seller and order: the tracking number the seller entered and whether the
-- marketplace has been told (taobao.logistics.offline.send).
CREATE TABLE shipments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    company_code TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Queued', 'Sent', 'Failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT NULL
);
CREATE UNIQUE INDEX ux_shipments_order_seller ON shipments (order_id, seller_id);
CREATE INDEX ix_shipments_status ON shipments (status, id);

-- A succeeded refund taken back out of the seller's settlement, at the line's settlement rate and
-- percentages, on the day the refund completed (GMT+8). Figures are stored positive.
CREATE TABLE settlement_refunds (
    refund_id INTEGER NOT NULL PRIMARY KEY REFERENCES refunds (id),
    order_line_id INTEGER NOT NULL REFERENCES order_lines (id),
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    cny_amount NUMERIC(12,2) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    krw_gross INTEGER NOT NULL,
    processor_fee_krw INTEGER NOT NULL,
    commission_krw INTEGER NOT NULL,
    krw_net INTEGER NOT NULL,
    settlement_date CHAR(10) NOT NULL,
    computed_at TEXT NOT NULL
);
CREATE INDEX ix_settlement_refunds_seller ON settlement_refunds (seller_id, settlement_date);

-- What the reconciliation found when it asked the processor itself: Fixed (the verified status
-- was applied) or Flagged (for the operator). One row per order, kind and verified status.
CREATE TABLE reconciliation_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    kind TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('Fixed', 'Flagged', 'Resolved')),
    verified_status TEXT NOT NULL,
    detail TEXT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT NULL
);
CREATE UNIQUE INDEX ux_reconciliation_items_key ON reconciliation_items (order_id, kind, verified_status);
CREATE INDEX ix_reconciliation_items_outcome ON reconciliation_items (outcome, id);
