-- Orders pulled from the marketplace, their lines split by seller (order_lines.outer_iid is our
-- outer_id, "{sellerId}-{sellerSku}"), what the payment processor told us about each trade, the
-- won settlement per line, refunds and the timeline. Money: NUMERIC(12,2) yuan, BIGINT won.
CREATE TABLE orders (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    shop NVARCHAR(100) NOT NULL,
    tid BIGINT NOT NULL,
    status NVARCHAR(40) NOT NULL,
    created DATETIMEOFFSET NOT NULL,
    modified DATETIMEOFFSET NOT NULL,
    pay_time DATETIMEOFFSET NULL,
    payment_cny NUMERIC(12,2) NOT NULL,
    alipay_no NVARCHAR(64) NULL,
    receiver_state NVARCHAR(100) NULL,
    payment_status NVARCHAR(20) NULL CHECK (payment_status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED')),
    payment_status_at DATETIMEOFFSET NULL,
    raw_json NVARCHAR(MAX) NULL
);
CREATE UNIQUE INDEX ux_orders_tid ON orders (tid);
CREATE INDEX ix_orders_modified ON orders (modified, id);

CREATE TABLE order_lines (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    oid BIGINT NOT NULL,
    outer_iid NVARCHAR(100) NOT NULL,
    num_iid BIGINT NOT NULL,
    product_id BIGINT NULL REFERENCES products (id),
    title NVARCHAR(200) NOT NULL,
    price_cny NUMERIC(12,2) NOT NULL,
    num INTEGER NOT NULL,
    total_fee_cny NUMERIC(12,2) NOT NULL,
    status NVARCHAR(40) NOT NULL,
    refunded_cny NUMERIC(12,2) NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_order_lines_oid ON order_lines (oid);
CREATE INDEX ix_order_lines_order ON order_lines (order_id);
CREATE INDEX ix_order_lines_seller ON order_lines (seller_id, order_id);

-- Every notification as received, whatever its verdict. applied_notify_id and applied_event are
-- set only on the row that acted, so a second copy of the same event cannot act again
-- (filtered indexes: SQL Server would otherwise allow only one NULL).
CREATE TABLE payment_notifications (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    received_at DATETIMEOFFSET NOT NULL,
    notify_id NVARCHAR(128) NULL,
    out_trade_no NVARCHAR(64) NULL,
    trade_no NVARCHAR(64) NULL,
    trade_status NVARCHAR(32) NULL,
    total_amount NUMERIC(12,2) NULL,
    raw_form NVARCHAR(MAX) NOT NULL,
    verdict NVARCHAR(20) NOT NULL CHECK (verdict IN ('Applied', 'Duplicate', 'Stale', 'Rejected')),
    reason NVARCHAR(1000) NULL,
    applied_at DATETIMEOFFSET NULL,
    order_id BIGINT NULL REFERENCES orders (id),
    applied_notify_id NVARCHAR(128) NULL,
    applied_event NVARCHAR(120) NULL
);
CREATE UNIQUE INDEX ux_payment_notifications_applied_notify ON payment_notifications (applied_notify_id) WHERE applied_notify_id IS NOT NULL;
CREATE UNIQUE INDEX ux_payment_notifications_applied_event ON payment_notifications (applied_event) WHERE applied_event IS NOT NULL;
CREATE INDEX ix_payment_notifications_trade ON payment_notifications (out_trade_no, id);
CREATE INDEX ix_payment_notifications_verdict ON payment_notifications (verdict, id);

-- The processor's KRW-per-CNY rate by day; the settlement takes the latest on or before its day.
CREATE TABLE processor_fx_rates (
    currency NCHAR(3) NOT NULL,
    rate_date NCHAR(10) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    source NVARCHAR(100) NOT NULL,
    recorded_at DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (currency, rate_date)
);

-- Marketplace commission by Kmall24 category path prefix; the longest matching prefix wins.
CREATE TABLE commissions (
    category_prefix NVARCHAR(400) NOT NULL PRIMARY KEY,
    percent NUMERIC(5,2) NOT NULL
);

-- settlement_date is ISO text (yyyy-MM-dd, GMT+8): one form on every provider.
CREATE TABLE settlements (
    order_line_id BIGINT NOT NULL PRIMARY KEY REFERENCES order_lines (id),
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    cny_amount NUMERIC(12,2) NOT NULL,
    rate NUMERIC(18,6) NOT NULL,
    rate_source NVARCHAR(100) NOT NULL,
    krw_gross BIGINT NOT NULL,
    processor_fee_percent NUMERIC(5,2) NOT NULL,
    processor_fee_krw BIGINT NOT NULL,
    commission_percent NUMERIC(5,2) NOT NULL,
    commission_krw BIGINT NOT NULL,
    krw_net BIGINT NOT NULL,
    settlement_date NCHAR(10) NOT NULL,
    computed_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_settlements_seller ON settlements (seller_id, settlement_date);

CREATE TABLE refunds (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    order_line_id BIGINT NOT NULL REFERENCES order_lines (id),
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    out_request_no NVARCHAR(64) NOT NULL,
    amount_cny NUMERIC(12,2) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Requested', 'Succeeded', 'Failed')),
    refund_fee_total NUMERIC(12,2) NULL,
    requested_by BIGINT NULL,
    requested_at DATETIMEOFFSET NOT NULL,
    completed_at DATETIMEOFFSET NULL,
    message NVARCHAR(1000) NULL
);
CREATE UNIQUE INDEX ux_refunds_out_request_no ON refunds (out_request_no);
CREATE INDEX ix_refunds_line ON refunds (order_line_id);

CREATE TABLE order_events (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    seller_id BIGINT NULL,
    at DATETIMEOFFSET NOT NULL,
    kind NVARCHAR(40) NOT NULL,
    detail NVARCHAR(MAX) NULL
);
CREATE INDEX ix_order_events_order ON order_events (order_id, id);
