-- A random value per user that every sign-in cookie carries and every request compares: changing
-- it (sign-out, a password change, a suspension) ends every session of that user at once.
-- Existing users get one now, so cookies issued before this migration (which carry none) end.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET security_stamp = lower(hex(randomblob(16)));
