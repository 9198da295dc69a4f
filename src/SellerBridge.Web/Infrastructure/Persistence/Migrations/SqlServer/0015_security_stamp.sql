-- A random value per user that every sign-in cookie carries and every request compares: changing
-- it (sign-out, a password change, a suspension) ends every session of that user at once.
-- Existing users get one now, so cookies issued before this migration (which carry none) end.
ALTER TABLE users ADD security_stamp NVARCHAR(64) NOT NULL CONSTRAINT df_users_security_stamp DEFAULT '';
GO
UPDATE users SET security_stamp = LOWER(REPLACE(CONVERT(NVARCHAR(36), NEWID()), '-', ''));
