-- Mapping: the operator's rules (category mappings, won/yuan rates, pricing rules, commissions),
-- the trail of every change to them, each product's listing draft, and updates owed to live listings.
-- Rates and pricing rules are never edited in place: each change is a new row, so a draft can name
-- the exact rate and rule version it was priced with.
CREATE TABLE mapping_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kmall_prefix TEXT NOT NULL,
    cid INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NULL
);
CREATE UNIQUE INDEX ux_mapping_rules_prefix ON mapping_rules (kmall_prefix);

-- effective_from is a Korean calendar date, yyyy-MM-dd, the same text on every provider.
CREATE TABLE exchange_rates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    krw_per_cny NUMERIC(12,4) NOT NULL,
    effective_from VARCHAR(10) NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NULL
);
CREATE INDEX ix_exchange_rates_effective ON exchange_rates (effective_from, id);

CREATE TABLE pricing_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version INTEGER NOT NULL,
    margin_percent NUMERIC(9,4) NOT NULL,
    shipping_bands_json TEXT NOT NULL,
    cross_border_tax_percent NUMERIC(9,4) NOT NULL,
    rounding VARCHAR(10) NOT NULL CHECK (rounding IN ('To00', 'To90')),
    created_at TEXT NOT NULL,
    created_by INTEGER NULL
);
CREATE UNIQUE INDEX ux_pricing_rules_version ON pricing_rules (version);

-- cid 0 is the default for categories without their own rate; otherwise the nearest ancestor's applies.
CREATE TABLE commission_rates (
    cid INTEGER NOT NULL PRIMARY KEY,
    commission_percent NUMERIC(9,4) NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NULL
);

CREATE TABLE rule_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_user_id INTEGER NULL,
    kind VARCHAR(20) NOT NULL,
    action VARCHAR(20) NOT NULL,
    subject TEXT NOT NULL,
    before_text TEXT NULL,
    after_text TEXT NULL
);
CREATE INDEX ix_rule_changes_kind ON rule_changes (kind, id);

CREATE TABLE product_drafts (
    product_id INTEGER NOT NULL PRIMARY KEY REFERENCES products (id),
    seller_id INTEGER NOT NULL,
    readiness VARCHAR(20) NOT NULL,
    cid INTEGER NULL,
    category_path TEXT NULL,
    mapping_rule_id INTEGER NULL,
    title_zh TEXT NULL,
    price_cny NUMERIC(12,2) NULL,
    steps_json TEXT NOT NULL,
    problems_json TEXT NOT NULL,
    attributes_json TEXT NOT NULL,
    rate_id INTEGER NULL,
    pricing_rule_id INTEGER NULL,
    payload_hash VARCHAR(64) NOT NULL,
    draft_hash VARCHAR(64) NOT NULL,
    product_version INTEGER NOT NULL,
    computed_at TEXT NOT NULL
);
CREATE INDEX ix_product_drafts_seller ON product_drafts (seller_id, readiness);

-- One pending update per live listing; the marketplace work sends it and deletes the row.
CREATE TABLE listing_updates (
    product_id INTEGER NOT NULL PRIMARY KEY REFERENCES products (id),
    seller_id INTEGER NOT NULL,
    price_cny NUMERIC(12,2) NULL,
    product_version INTEGER NOT NULL,
    requested_at TEXT NOT NULL
);
CREATE INDEX ix_listing_updates_requested ON listing_updates (requested_at);

-- Defaults so that the demo maps and prices out of the box; the operator changes them in the portal.
INSERT INTO exchange_rates (krw_per_cny, effective_from, created_at, created_by) VALUES (190.00, '2026-01-01', '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO pricing_rules (version, margin_percent, shipping_bands_json, cross_border_tax_percent, rounding, created_at, created_by)
VALUES (1, 15, '[{"upToGrams":500,"won":4000},{"upToGrams":1000,"won":6000},{"upToGrams":2000,"won":9000},{"upToGrams":5000,"won":15000},{"upToGrams":10000,"won":25000}]', 9.1, 'To90', '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>스킨케어', 57199956, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>스킨케어>토너', 57804856, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>스킨케어>크림', 57747560, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>선케어', 55177911, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>마스크팩', 55402827, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('화장품>메이크업', 51670650, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>건강식품', 57577648, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>건강식품>홍삼', 52930871, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>홍삼', 52930871, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>과자', 56559984, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>과자>스낵', 50370782, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>김', 58514681, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>전통식품>김', 58514681, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>가공식품>라면', 57339752, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>차', 59361713, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>차>녹차', 59008713, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>장류', 59142311, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('식품>쌀', 57437277, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>주방용품', 56236457, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>주방용품>밀폐용기', 50537333, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>주방용품>프라이팬', 59683469, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>욕실용품', 58303171, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>수납정리', 59451118, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES ('생활용품>세제', 57217734, '2026-01-01T00:00:00.0000000Z', NULL, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO commission_rates (cid, commission_percent, updated_at, updated_by) VALUES (0, 5.00, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO commission_rates (cid, commission_percent, updated_at, updated_by) VALUES (50001801, 4.00, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO commission_rates (cid, commission_percent, updated_at, updated_by) VALUES (50010788, 4.00, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO commission_rates (cid, commission_percent, updated_at, updated_by) VALUES (50020275, 6.00, '2026-01-01T00:00:00.0000000Z', NULL);
INSERT INTO commission_rates (cid, commission_percent, updated_at, updated_by) VALUES (50026800, 6.00, '2026-01-01T00:00:00.0000000Z', NULL);
