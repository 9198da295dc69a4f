CREATE TABLE sellers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_name TEXT NOT NULL,
    brn TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Pending', 'Approved', 'Suspended')),
    created_at TEXT NOT NULL,
    status_changed_at TEXT NULL,
    status_changed_by INTEGER NULL
);
CREATE UNIQUE INDEX ux_sellers_brn ON sellers (brn);
CREATE INDEX ix_sellers_status ON sellers (status, id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('Seller', 'Operator')),
    seller_id INTEGER NULL REFERENCES sellers (id),
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_login_at TEXT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email);

CREATE TABLE login_throttle (
    email_key TEXT NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until TEXT NULL
);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id INTEGER NOT NULL REFERENCES sellers (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    last_used_at TEXT NULL
);
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_seller ON api_keys (seller_id, id);

CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_data_protection_keys_name ON data_protection_keys (friendly_name);

CREATE TABLE app_settings (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_user_id INTEGER NULL,
    seller_id INTEGER NULL,
    action TEXT NOT NULL,
    detail TEXT NULL
);
CREATE INDEX ix_audit_log_seller ON audit_log (seller_id, id);
