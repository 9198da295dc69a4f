-- Orders pulled from the marketplace, their lines split by seller (order_lines.outer_iid is our
-- outer_id, "{sellerId}-{sellerSku}"), what the payment processor told us about each trade, the
-- won settlement per line, refunds and the timeline. Money: NUMERIC(12,2) yuan, INTEGER won.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop TEXT NOT NULL,
    tid INTEGER NOT NULL,
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    pay_time TEXT NULL,
    payment_cny NUMERIC(12,2) NOT NULL,
    alipay_no TEXT NULL,
    receiver_state TEXT NULL,
    payment_status TEXT NULL CHECK (payment_status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED')),
    payment_status_at TEXT NULL,
    raw_json TEXT NULL
);
CREATE UNIQUE INDEX ux_orders_tid ON orders (tid);
CREATE INDEX ix_orders_modified ON orders (modified, id);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
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
CREATE UNIQUE INDEX ux_order_lines_oid ON order_lines (oid);
CREATE INDEX ix_order_lines_order ON order_lines (order_id);
CREATE INDEX ix_order_lines_seller ON order_lines (seller_id, order_id);

-- Every notification as received, whatever its verdict. applied_notify_id and applied_event are
-- set only on the row that acted, so a second copy of the same event cannot act again.
CREATE TABLE payment_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at TEXT NOT NULL,
    notify_id TEXT NULL,
    out_trade_no TEXT NULL,
    trade_no TEXT NULL,
    trade_status TEXT NULL,
    total_amount NUMERIC(12,2) NULL,
    raw_form TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('Applied', 'Duplicate', 'Stale', 'Rejected')),
    reason TEXT NULL,
    applied_at TEXT NULL,
    order_id INTEGER NULL REFERENCES orders (id),
    applied_notify_id TEXT NULL,
    applied_event TEXT NULL
);
CREATE UNIQUE INDEX ux_payment_notifications_applied_notify ON payment_notifications (applied_notify_id);
CREATE UNIQUE INDEX ux_payment_notifications_applied_event ON payment_notifications (applied_event);
CREATE INDEX ix_payment_notifications_trade ON payment_notifications (out_trade_no, id);
CREATE INDEX ix_payment_notifications_verdict ON payment_notifications (verdict, id);

-- The processor's KRW-per-CNY rate by day; the settlement takes the latest on or before its day.
CREATE TABLE processor_fx_rates (
    currency CHAR(3) NOT NULL,
    rate_date CHAR(10) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (currency, rate_date)
);

-- Marketplace commission by Kmall24 category path prefix; the longest matching prefix wins.
CREATE TABLE commissions (
    category_prefix TEXT NOT NULL PRIMARY KEY,
    percent NUMERIC(5,2) NOT NULL
);

-- settlement_date is ISO text (yyyy-MM-dd, GMT+8): one form on every provider.
CREATE TABLE settlements (
    order_line_id INTEGER NOT NULL PRIMARY KEY REFERENCES order_lines (id),
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    cny_amount NUMERIC(12,2) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    rate_source TEXT NOT NULL,
    krw_gross INTEGER NOT NULL,
    processor_fee_percent NUMERIC(5,2) NOT NULL,
    processor_fee_krw INTEGER NOT NULL,
    commission_percent NUMERIC(5,2) NOT NULL,
    commission_krw INTEGER NOT NULL,
    krw_net INTEGER NOT NULL,
    settlement_date CHAR(10) NOT NULL,
    computed_at TEXT NOT NULL
);
CREATE INDEX ix_settlements_seller ON settlements (seller_id, settlement_date);

CREATE TABLE refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_line_id INTEGER NOT NULL REFERENCES order_lines (id),
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    out_request_no TEXT NOT NULL,
    amount_cny NUMERIC(12,2) NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Requested', 'Succeeded', 'Failed')),
    refund_fee_total NUMERIC(12,2) NULL,
    requested_by INTEGER NULL,
    requested_at TEXT NOT NULL,
    completed_at TEXT NULL,
    message TEXT NULL
);
CREATE UNIQUE INDEX ux_refunds_out_request_no ON refunds (out_request_no);
CREATE INDEX ix_refunds_line ON refunds (order_line_id);

CREATE TABLE order_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    seller_id INTEGER NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NULL
);
CREATE INDEX ix_order_events_order ON order_events (order_id, id);
