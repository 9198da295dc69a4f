-- Notices owed to a user (by portal notice or email, once a later feature sends them). The
-- recipient is the user, never a copied address; sent_at stays NULL until a sender delivers it.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT NULL
);
CREATE INDEX ix_notices_unsent ON notices (sent_at, id);
CREATE INDEX ix_notices_user ON notices (user_id, id);
