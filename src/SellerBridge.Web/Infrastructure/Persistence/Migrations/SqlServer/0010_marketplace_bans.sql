-- Bans the marketplace announced (code 7), per API method, shared by every process on this database
-- and kept across restarts: no node calls a banned method until the ban has run out.
CREATE TABLE marketplace_bans (
    method NVARCHAR(200) NOT NULL PRIMARY KEY,
    banned_until DATETIMEOFFSET NOT NULL,
    code INT NOT NULL,
    msg NVARCHAR(400) NOT NULL,
    sub_code NVARCHAR(200) NULL,
    sub_msg NVARCHAR(1000) NULL
);
