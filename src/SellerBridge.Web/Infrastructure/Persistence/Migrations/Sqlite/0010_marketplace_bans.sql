-- Bans the marketplace announced (code 7), per API method, shared by every process on this database
-- and kept across restarts: no node calls a banned method until the ban has run out.
CREATE TABLE marketplace_bans (
    method TEXT NOT NULL PRIMARY KEY,
    banned_until TEXT NOT NULL,
    code INTEGER NOT NULL,
    msg TEXT NOT NULL,
    sub_code TEXT NULL,
    sub_msg TEXT NULL
);
