-- Operators are made by the create-operator command or invited by another operator, each with a
-- one-time password. While must_change_password_since is set the user may do nothing but choose a
-- password of their own; one_time_password_shown_at makes the inviter's page show it only once;
-- invited_by_user_id is who invited them (NULL: the command, the demo seed or sign-up).
ALTER TABLE users ADD COLUMN must_change_password_since TIMESTAMPTZ NULL;
ALTER TABLE users ADD COLUMN one_time_password_shown_at TIMESTAMPTZ NULL;
ALTER TABLE users ADD COLUMN invited_by_user_id BIGINT NULL REFERENCES users (id);
