-- Administration: the holiday calendar and the record of administrators' changes.

-- One row: the weekend days, as day codes ("sat,sun"). The time zone is configuration.
CREATE TABLE calendar_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    weekend_days TEXT NOT NULL
);
INSERT INTO calendar_settings (id, weekend_days) VALUES (1, 'sat,sun');

CREATE TABLE holidays (
    day DATE PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

-- Who changed what in the administration, and when.
CREATE TABLE admin_audit (
    id TEXT PRIMARY KEY NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX admin_audit_at ON admin_audit (at, id);

-- One-time links to set a password (an invitation, or a reset): only the token's hash is
-- stored; each works once and until it expires.
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX password_tokens_user ON password_tokens (user_id);
