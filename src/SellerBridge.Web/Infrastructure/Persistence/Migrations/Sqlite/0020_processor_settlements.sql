-- The processor's own settlement of each paid trade (alipay.trade.query: settle_amount,
-- settle_currency, settle_trans_rate, trans_pay_rate). Until it answers, the lines' settlements
-- are an estimate at the configured rate (rate_source 'estimate'); the job asks again at
-- next_check_at, backing off per trade, and then rewrites the lines (rate_source 'processor').
CREATE TABLE processor_settlements (
    order_id INTEGER NOT NULL PRIMARY KEY REFERENCES orders (id),
    status TEXT NOT NULL CHECK (status IN ('Pending', 'Settled')),
    checks INTEGER NOT NULL DEFAULT 0,
    next_check_at TEXT NOT NULL,
    last_error TEXT NULL,
    trans_currency CHAR(3) NULL,
    settle_currency CHAR(3) NULL,
    settle_amount NUMERIC(18,2) NULL,
    settle_trans_rate NUMERIC(18,8) NULL,
    trans_pay_rate NUMERIC(18,8) NULL,
    created_at TEXT NOT NULL,
    settled_at TEXT NULL
);
CREATE INDEX ix_processor_settlements_due ON processor_settlements (status, next_check_at);

-- The estimate a processor settlement replaced, kept beside it so the change stays visible.
ALTER TABLE settlements ADD COLUMN estimate_rate NUMERIC(18,6) NULL;
ALTER TABLE settlements ADD COLUMN estimate_krw_gross INTEGER NULL;
ALTER TABLE settlements ADD COLUMN estimate_krw_net INTEGER NULL;

-- Settlements made before this script used a configured or recorded daily rate, never the
-- trade's own figures: they are estimates, and their trades are asked about like new ones.
UPDATE settlements SET rate_source = 'estimate' WHERE rate_source IN ('configured', 'processor');
INSERT INTO processor_settlements (order_id, status, checks, next_check_at, created_at)
SELECT l.order_id, 'Pending', 0, MIN(s.computed_at), MIN(s.computed_at)
FROM settlements s JOIN order_lines l ON l.id = s.order_line_id
GROUP BY l.order_id;
