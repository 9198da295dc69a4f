-- Notices owed to a user (by portal notice or email, once a later feature sends them). The
-- recipient is the user, never a copied address; sent_at stays NULL until a sender delivers it.
CREATE TABLE notices (
    id BIGINT IDENTITY(1,1) PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind NVARCHAR(64) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    sent_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_notices_unsent ON notices (sent_at, id);
CREATE INDEX ix_notices_user ON notices (user_id, id);
