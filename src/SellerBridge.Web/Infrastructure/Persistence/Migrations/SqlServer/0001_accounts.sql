CREATE TABLE sellers (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    company_name NVARCHAR(200) NOT NULL,
    brn NVARCHAR(10) NOT NULL,
    contact_name NVARCHAR(100) NOT NULL,
    email NVARCHAR(254) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Pending', 'Approved', 'Suspended')),
    created_at DATETIMEOFFSET NOT NULL,
    status_changed_at DATETIMEOFFSET NULL,
    status_changed_by BIGINT NULL
);
CREATE UNIQUE INDEX ux_sellers_brn ON sellers (brn);
CREATE INDEX ix_sellers_status ON sellers (status, id);

CREATE TABLE users (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    email NVARCHAR(254) NOT NULL,
    password_hash NVARCHAR(400) NOT NULL,
    role NVARCHAR(20) NOT NULL CHECK (role IN ('Seller', 'Operator')),
    seller_id BIGINT NULL REFERENCES sellers (id),
    display_name NVARCHAR(200) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    last_login_at DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email);

CREATE TABLE login_throttle (
    email_key NVARCHAR(64) NOT NULL PRIMARY KEY,
    failures INT NOT NULL,
    last_failure_at DATETIMEOFFSET NOT NULL,
    locked_until DATETIMEOFFSET NULL
);

CREATE TABLE api_keys (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers (id),
    name NVARCHAR(100) NOT NULL,
    prefix NVARCHAR(20) NOT NULL,
    key_hash NVARCHAR(64) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    revoked_at DATETIMEOFFSET NULL,
    last_used_at DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_seller ON api_keys (seller_id, id);

CREATE TABLE data_protection_keys (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    friendly_name NVARCHAR(200) NOT NULL,
    xml NVARCHAR(MAX) NOT NULL
);
CREATE UNIQUE INDEX ux_data_protection_keys_name ON data_protection_keys (friendly_name);

CREATE TABLE app_settings (
    name NVARCHAR(200) NOT NULL PRIMARY KEY,
    value NVARCHAR(MAX) NOT NULL
);

CREATE TABLE audit_log (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    at DATETIMEOFFSET NOT NULL,
    actor_user_id BIGINT NULL,
    seller_id BIGINT NULL,
    action NVARCHAR(100) NOT NULL,
    detail NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_seller ON audit_log (seller_id, id);
