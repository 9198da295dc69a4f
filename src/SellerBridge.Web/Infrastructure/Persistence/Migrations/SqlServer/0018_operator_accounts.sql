-- Operators are made by the create-operator command or invited by another operator, each with a
-- one-time password. While must_change_password_since is set the user may do nothing but choose a
-- password of their own; one_time_password_shown_at makes the inviter's page show it only once;
-- invited_by_user_id is who invited them (NULL: the command, the demo seed or sign-up).
ALTER TABLE users ADD must_change_password_since DATETIMEOFFSET NULL;
ALTER TABLE users ADD one_time_password_shown_at DATETIMEOFFSET NULL;
ALTER TABLE users ADD invited_by_user_id BIGINT NULL CONSTRAINT fk_users_invited_by REFERENCES users (id);
